/** The compiled entry's path when connector/dist was built from the sources present now, else null. */
export function currentBuild(connectorDir: string): string | null;
