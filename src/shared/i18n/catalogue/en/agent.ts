/** English: the agent's questions in the window (ApprovalDialog.tsx). */
export const agent = {
  askCredential: 'A program asks for a credential',
  askGrant: 'A grant asks for your confirmation',
  once: 'Allow once',
  session: 'Allow for this terminal session',
  confirm: 'Confirm the grant',
  deny: 'Deny',
  keysHint: 'Enter allows once, Escape denies. Nobody answering within two minutes is a refusal.',
  program: (p: { program: string; pid: string }) => `${p.program} (pid ${p.pid})`,
  inDirectory: (p: { dir: string }) => `in ${p.dir}`,
  running: (p: { command: string }) => `running: ${p.command}`,
  unverified: 'as it says: the system could not confirm it',
  asksCredential: (p: { kind: string }) => `asks for the ${p.kind} of:`,
  asksEnvironment: 'asks for the credentials, as environment variables, of:',
  account: (p: { name: string; subtitle: string; provider: string }) => `“${p.name}” (${p.subtitle}, ${p.provider})`,
  /** `idle` is a length of time from Intl: "10 min". */
  sessionNote: (p: { tty: string; idle: string }) => `“Allow for this terminal session” covers this terminal (${p.tty}) until ${p.idle} after its last use.`,
  /** `duration` is a length of time from Intl: "8 hours". */
  grantAsk: (p: { duration: string; scope: string }) => `Create a grant? For the next ${p.duration}, ${p.scope} may have, without being asked, the credentials of:`,
  grantAnyProgram: 'any program',
  grantProgramsIn: (p: { dir: string }) => `programs working in ${p.dir}`,
  grantNote: 'Quitting Tessera revokes it; so does `tessera revoke-grant <id>`.',
  askedBy: 'Asked by:',
} as const;
