/** English: credentials. */
export const credentials = {} as const;
