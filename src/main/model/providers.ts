import * as ort from 'onnxruntime-node';
import { Provider, type ProviderChoice } from '../../shared/api';

export type { ProviderChoice };

export function isProviderChoice(value: string): value is ProviderChoice {
  return Provider.safeParse(value).success;
}

const ACCELERATOR_BY_PLATFORM: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'cuda',
  win32: 'dml',
  darwin: 'coreml',
};

const ACCELERATOR_BY_CHOICE: Record<Exclude<ProviderChoice, 'auto' | 'cpu'>, string> = {
  cuda: 'cuda',
  directml: 'dml',
  coreml: 'coreml',
};

/** onnxruntime execution providers to try, in order; the CPU is always the last resort. */
export function candidateProviders(choice: ProviderChoice = 'auto', platform: NodeJS.Platform = process.platform): string[] {
  if (choice === 'cpu') return ['cpu'];
  const accelerator = choice === 'auto' ? ACCELERATOR_BY_PLATFORM[platform] : ACCELERATOR_BY_CHOICE[choice];
  return accelerator ? [accelerator, 'cpu'] : ['cpu'];
}

/** What a user must install for an accelerator that failed to load; shown with the failure. */
const PROVIDER_HINTS: Record<string, string> = {
  cuda: 'needs libonnxruntime_providers_{shared,cuda}.so beside the onnxruntime-node binding, CUDA 12 and cuDNN 9',
  dml: 'needs Windows 10+ with a DirectX 12 GPU',
  coreml: 'needs macOS with Core ML',
};

export interface SessionSettings {
  intraOpNumThreads: number;
  /** Let idle pool threads spin for the next run (onnxruntime's default); off unless a benchmark compares. */
  allowSpinning?: boolean;
}

/**
 * Creates one session per file, all on the same provider, trying providers in turn.
 * onnxruntime does not fall back by itself when a provider's libraries are missing
 * (`['cuda','cpu']` just throws), so each provider is tried alone and its failure recorded.
 */
export async function createSessionsWithFallback(
  files: readonly string[],
  providers: readonly string[],
  settings: SessionSettings,
): Promise<{ sessions: ort.InferenceSession[]; provider: string; notes: string[] }> {
  // A missing accelerator is expected on most machines and already reported in `notes`;
  // onnxruntime would also print it as a red error on stderr, which alarms users for nothing.
  ort.env.logLevel = 'fatal';
  const notes: string[] = [];
  let lastError: { file: string; error: Error } | undefined;
  for (const provider of providers) {
    const sessions: ort.InferenceSession[] = [];
    try {
      for (const file of files) {
        try {
          sessions.push(
            await ort.InferenceSession.create(file, {
              executionProviders: [provider],
              intraOpNumThreads: settings.intraOpNumThreads,
              interOpNumThreads: 1,
              graphOptimizationLevel: 'all',
              // Idle pool threads would spin for the next run. Each session has its own pool, so
              // on few cores the encoder's spinning slowed the localizer run after it by half
              // (13 → 25 ms on 2 cores), and both starved the main thread's work between runs.
              extra: { session: { intra_op: { allow_spinning: settings.allowSpinning ? '1' : '0' } } },
            }),
          );
        } catch (e) {
          lastError = { file, error: e as Error };
          throw e;
        }
      }
      return { sessions, provider, notes };
    } catch (e) {
      await Promise.all(sessions.map((s) => s.release()));
      const hint = PROVIDER_HINTS[provider];
      notes.push(`${provider}: ${firstLine((e as Error).message)}${hint ? ` (${hint})` : ''}`);
    }
  }
  throw new ProvidersExhaustedError(notes, lastError?.file ?? files[0] ?? '', lastError?.error);
}

export class ProvidersExhaustedError extends Error {
  constructor(
    readonly notes: string[],
    readonly file: string,
    override readonly cause: Error | undefined,
  ) {
    super(`no execution provider could load ${file}: ${notes.join(' | ')}`);
    this.name = 'ProvidersExhaustedError';
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}
