/** English: list. */
export const list = {} as const;
