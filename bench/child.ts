// Runs each figure in its own Node process, so its peak memory is its own and one cannot warm another.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const FIGURE_ENTRY = fileURLToPath(new URL('./figure.ts', import.meta.url));

/** Forks `script` under tsx, sends it `input`, and resolves with the one result it sends back. */
export function runChild<T>(script: string, input: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(script, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: { ok: true; value: T } | { ok: false; error: string } | undefined;
    child.on('message', (message) => {
      result = message as typeof result;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (result?.ok) resolve(result.value);
      else reject(new Error(result?.error ?? `${script} exited with code ${code} and no result`));
    });
    child.send(input as object);
  });
}

export const runFigure = <T>(figure: string, input: object): Promise<T> =>
  runChild<T>(FIGURE_ENTRY, { figure, ...input });

/** Child side: take the input, run, send back the result (or the error), exit. */
export function serveChild<I, T>(work: (input: I) => Promise<T>): void {
  process.once('message', (input) => {
    work(input as I).then(
      (value) => process.send!({ ok: true, value }, () => process.exit(0)),
      (error: unknown) => {
        const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
        process.send!({ ok: false, error: text }, () => process.exit(1));
      },
    );
  });
}
