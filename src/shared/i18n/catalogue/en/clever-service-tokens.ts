/** English: cleverServiceTokens. */
export const cleverServiceTokens = {} as const;
