import { createInterface } from 'node:readline/promises';

/** Where the CLI writes and what time it is: the process's streams and clock, or a test's. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The current time in epoch milliseconds. */
  now(): number;
  /**
   * Asks the person at the terminal and resolves with the line they typed. Absent when there is
   * no one to ask (stdin is not a terminal): commands that need a confirmation then want a flag.
   */
  ask?(question: string): Promise<string>;
}

/** One line typed at the terminal; the question goes to stderr, which stays out of piped results. */
async function askTerminal(question: string): Promise<string> {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await terminal.question(question);
  } finally {
    terminal.close();
  }
}

/** The real process streams and clock, and the terminal when stdin is one. */
export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  now: () => Date.now(),
  ...(process.stdin.isTTY ? { ask: askTerminal } : {}),
};
