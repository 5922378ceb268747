/** English: words used all over the window. */
export const common = {
  cancel: 'Cancel',
  close: 'Close',
  save: 'Save',
  retry: 'Try again',
} as const;
