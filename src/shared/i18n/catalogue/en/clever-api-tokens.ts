/** English: cleverApiTokens. */
export const cleverApiTokens = {} as const;
