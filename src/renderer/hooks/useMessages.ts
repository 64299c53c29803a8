import { useCallback, useState } from 'react';

export interface Message {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

let nextId = 1;

/** Errors stay until the user dismisses them; the newest info line is shown in the status bar. */
export function useMessages() {
  const [messages, setMessages] = useState<Message[]>([]);

  const showError = useCallback((error: unknown) => {
    const text = errorText(error);
    // The same failure repeated (a key held down, a retried click) is shown once.
    setMessages((all) => (all.some((m) => m.kind === 'error' && m.text === text) ? all : [...all, { id: nextId++, kind: 'error', text }]));
  }, []);

  const showInfo = useCallback((text: string) => {
    setMessages((all) => [...all.filter((m) => m.kind !== 'info'), { id: nextId++, kind: 'info', text }]);
  }, []);

  const dismiss = useCallback((id: number) => setMessages((all) => all.filter((m) => m.id !== id)), []);

  return { messages, showError, showInfo, dismiss };
}

export type Messages = ReturnType<typeof useMessages>;

export function errorText(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return `Unexpected failure: ${String(error)}`;
}
