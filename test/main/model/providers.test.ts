import { describe, expect, it } from 'vitest';
import { candidateProviders } from '../../../src/main/model/providers';

describe('execution provider choice', () => {
  it('auto picks the platform accelerator first and the CPU last', () => {
    expect(candidateProviders('auto', 'linux')).toEqual(['cuda', 'cpu']);
    expect(candidateProviders('auto', 'win32')).toEqual(['dml', 'cpu']);
    expect(candidateProviders('auto', 'darwin')).toEqual(['coreml', 'cpu']);
    expect(candidateProviders('auto', 'freebsd')).toEqual(['cpu']);
  });

  it('an explicit choice still falls back to the CPU', () => {
    expect(candidateProviders('cuda', 'linux')).toEqual(['cuda', 'cpu']);
    expect(candidateProviders('directml', 'win32')).toEqual(['dml', 'cpu']);
    expect(candidateProviders('coreml', 'darwin')).toEqual(['coreml', 'cpu']);
    expect(candidateProviders('cpu', 'linux')).toEqual(['cpu']);
  });
});
