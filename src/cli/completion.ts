/**
 * `tessera completion bash|zsh|fish`: completion scripts for the commands, their options, and
 * account names, which they get from `tessera list --names` (no approval: names are not secret).
 *
 * Account names come from providers and may hold anything, so no script lets the shell evaluate
 * them: bash's `compgen -W` would expand `$(…)` in a name (it performs command substitution on its
 * word list), so the bash script filters the names itself and quotes each with `printf %q`; zsh
 * reads them with `${(f)…}` and adds them with `compadd` (which quotes); fish splits a command
 * substitution on newlines without evaluating it.
 *
 * The commands and options are tables (COMMANDS, FLAGS, IMPORT_FLAGS, LOGIN_FLAGS) the three scripts
 * are made from; test/cli/completion.test.ts checks them against `tessera --help` (args.ts, USAGE).
 */
import { ALL_COPY_KINDS } from '../shared/types';
import { COMPLETION_SHELLS, SERVICE_TOKEN_KIND, SHELLS, type CompletionShell } from './args';

/** What `--kind` offers: the copy kinds (clever-tools' two formats and the API token included), and Clever Cloud's service tokens. */
const KINDS = [...ALL_COPY_KINDS, SERVICE_TOKEN_KIND].join(' ');
const COMMANDS = ['list', 'status', 'token', 'exec', 'env', 'grant', 'grants', 'revoke-grant', 'git-credential', 'import', 'login', 'completion', 'agent', 'help'] as const;
/** Commands whose arguments are accounts. */
const ACCOUNT_COMMANDS = ['token', 'exec', 'env', 'grant'] as const;

/**
 * The options of each command, as args.ts parses them; `import` and `login` have theirs per
 * source or provider (IMPORT_FLAGS, LOGIN_FLAGS). Kept here as data so that the three scripts agree.
 */
const FLAGS = {
  list: ['--json', '--names'],
  status: ['--json'],
  token: ['--kind', '--name', '--min-valid', '--org', '--app', '--json'],
  exec: ['--min-valid', '--'],
  env: ['--shell', '--min-valid', '--json'],
  grant: ['--for', '--cwd', '--json'],
  grants: ['--json'],
  'revoke-grant': ['--json'],
  agent: ['--json'],
} as const satisfies Partial<Record<(typeof COMMANDS)[number], readonly string[]>>;
const IMPORT_FLAGS = { 'clever-tools': ['--file', '--profile', '--remove-plaintext', '--json'], 'clever-cloud': ['--from-env', '--json'] } as const;
const LOGIN_FLAGS = { 'clever-cloud': ['--timeout', '--json'], saasus: ['--connection', '--timeout', '--json'] } as const;
const GIT_CREDENTIAL_ACTIONS = ['get', 'store', 'erase'] as const;
/** Options whose value is free text (a name, an id, a duration): nothing to offer, and not an account. */
const FREE_VALUES = ['--for', '--min-valid', '--name', '--org', '--app', '--profile', '--timeout', '--connection'] as const;

const words = (list: readonly string[]): string => list.join(' ');
/** `case` arms, one per key, with `body(flags)` as what each does. */
const arms = (table: Readonly<Record<string, readonly string[]>>, indent: string, body: (flags: string) => string): string =>
  Object.entries(table)
    .map(([key, flags]) => `${indent}${key}) ${body(words(flags))} ;;`)
    .join('\n');

const bash = `# bash completion for tessera (tessera completion bash)
_tessera() {
  local cur prev cmd i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd="\${COMP_WORDS[1]}"
  COMPREPLY=()
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W "${words(COMMANDS)}" -- "$cur"))
    return
  fi
  if [[ $cmd == exec ]]; then
    for ((i = 2; i < COMP_CWORD; i++)); do
      if [[ \${COMP_WORDS[i]} == -- ]]; then
        COMPREPLY=($(compgen -c -- "$cur"))
        return
      fi
    done
  fi
  case "$prev" in
    --kind) COMPREPLY=($(compgen -W "${KINDS}" -- "$cur")); return ;;
    --shell) COMPREPLY=($(compgen -W "${words(SHELLS)}" -- "$cur")); return ;;
    --cwd) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    ${FREE_VALUES.join('|')}) return ;;
  esac
  case "$cmd" in
    ${ACCOUNT_COMMANDS.join('|')})
      if [[ $cur == -* ]]; then
        case "$cmd" in
${arms(Object.fromEntries(ACCOUNT_COMMANDS.map((c) => [c, FLAGS[c]])), '          ', (f) => `COMPREPLY=($(compgen -W "${f}" -- "$cur"))`)}
        esac
        return
      fi
      local name
      while IFS= read -r name; do
        [[ -n $name && $name == "$cur"* ]] && COMPREPLY+=("$(printf '%q' "$name")")
      done < <(tessera list --names 2>/dev/null)
      ;;
    import)
      if [[ $COMP_CWORD -eq 2 ]]; then
        COMPREPLY=($(compgen -W "${words(Object.keys(IMPORT_FLAGS))}" -- "$cur"))
        return
      fi
      case "\${COMP_WORDS[2]}" in
${arms(IMPORT_FLAGS, '        ', (f) => `COMPREPLY=($(compgen -W "${f}" -- "$cur"))`)}
      esac
      ;;
    login)
      if [[ $COMP_CWORD -eq 2 ]]; then
        COMPREPLY=($(compgen -W "${words(Object.keys(LOGIN_FLAGS))}" -- "$cur"))
        return
      fi
      case "\${COMP_WORDS[2]}" in
${arms(LOGIN_FLAGS, '        ', (f) => `COMPREPLY=($(compgen -W "${f}" -- "$cur"))`)}
      esac
      ;;
    git-credential) [[ $COMP_CWORD -eq 2 ]] && COMPREPLY=($(compgen -W "${words(GIT_CREDENTIAL_ACTIONS)}" -- "$cur")) ;;
    completion) COMPREPLY=($(compgen -W "${words(COMPLETION_SHELLS)}" -- "$cur")) ;;
    agent)
      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "${words(FLAGS.agent)}" -- "$cur")); else COMPREPLY=($(compgen -W "start stop" -- "$cur")); fi
      ;;
    help) COMPREPLY=($(compgen -W "${words(COMMANDS)}" -- "$cur")) ;;
${arms({ list: FLAGS.list, status: FLAGS.status, grants: FLAGS.grants, 'revoke-grant': FLAGS['revoke-grant'] }, '    ', (f) => `COMPREPLY=($(compgen -W "${f}" -- "$cur"))`)}
  esac
}
complete -F _tessera tessera
`;

const zsh = `#compdef tessera
# zsh completion for tessera (tessera completion zsh)
_tessera() {
  local -a commands names
  commands=(${words(COMMANDS)})
  if (( CURRENT == 2 )); then
    compadd -a commands
    return
  fi
  if [[ $words[2] == exec && \${words[(i)--]} -lt CURRENT ]]; then
    _command_names
    return
  fi
  case $words[CURRENT-1] in
    --kind) compadd ${KINDS}; return ;;
    --shell) compadd ${words(SHELLS)}; return ;;
    --cwd) _directories; return ;;
    --file) _files; return ;;
    ${FREE_VALUES.join('|')}) return ;;
  esac
  case $words[2] in
    ${ACCOUNT_COMMANDS.join('|')})
      if [[ $PREFIX == -* ]]; then
        case $words[2] in
${arms(Object.fromEntries(ACCOUNT_COMMANDS.map((c) => [c, FLAGS[c]])), '          ', (f) => `compadd -- ${f}`)}
        esac
        return
      fi
      names=("\${(@f)$(tessera list --names 2>/dev/null)}")
      names=(\${names:#})
      compadd -a names
      ;;
    import)
      if (( CURRENT == 3 )); then
        compadd ${words(Object.keys(IMPORT_FLAGS))}
        return
      fi
      case $words[3] in
${arms(IMPORT_FLAGS, '        ', (f) => `compadd -- ${f}`)}
      esac
      ;;
    login)
      if (( CURRENT == 3 )); then
        compadd ${words(Object.keys(LOGIN_FLAGS))}
        return
      fi
      case $words[3] in
${arms(LOGIN_FLAGS, '        ', (f) => `compadd -- ${f}`)}
      esac
      ;;
    git-credential) (( CURRENT == 3 )) && compadd ${words(GIT_CREDENTIAL_ACTIONS)} ;;
    completion) compadd ${words(COMPLETION_SHELLS)} ;;
    agent)
      if [[ $PREFIX == -* ]]; then compadd -- ${words(FLAGS.agent)}; else compadd start stop; fi
      ;;
    help) compadd -a commands ;;
${arms({ list: FLAGS.list, status: FLAGS.status, grants: FLAGS.grants, 'revoke-grant': FLAGS['revoke-grant'] }, '    ', (f) => `compadd -- ${f}`)}
  esac
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _tessera "$@"
else
  compdef _tessera tessera
fi
`;

/** fish's `-l` names, without the dashes; `--` (exec's separator) is not an option there. */
const longs = (flags: readonly string[]): string[] => flags.filter((f) => f !== '--').map((f) => f.slice(2));
/** The long options of a condition: those taking a value get `-x` (or `extra` for theirs), switches nothing. */
const VALUE_FLAGS = new Set<string>([...FREE_VALUES, '--kind', '--shell', '--cwd', '--file']);
const VALUE_COMPLETIONS: Readonly<Record<string, string>> = {
  kind: `-x -a "${KINDS}"`,
  shell: `-x -a "${words(SHELLS)}"`,
  cwd: '-x -a "(__fish_complete_directories)"',
  file: '-r -F',
};
const fishFlags = (condition: string, flags: readonly string[]): string =>
  longs(flags)
    .map((l) => `complete -c tessera -n "${condition}" -l ${l}${VALUE_FLAGS.has(`--${l}`) ? ` ${VALUE_COMPLETIONS[l] ?? '-x'}` : ''}`)
    .join('\n');
const seen = (...subcommands: readonly string[]): string => `__fish_seen_subcommand_from ${subcommands.join(' ')}`;

const accountCondition = `${seen(...ACCOUNT_COMMANDS)}; and not contains -- -- (commandline -opc)`;
const fish = `# fish completion for tessera (tessera completion fish)
complete -c tessera -f
complete -c tessera -n __fish_use_subcommand -a "${words(COMMANDS)}"
complete -c tessera -n "${accountCondition}" -a "(tessera list --names 2>/dev/null)"
${(['list', 'status', 'token', 'exec', 'env', 'grant', 'grants', 'revoke-grant', 'agent'] as const).map((c) => fishFlags(seen(c), FLAGS[c])).join('\n')}
complete -c tessera -n "${seen('import')}; and not ${seen(...Object.keys(IMPORT_FLAGS))}" -a "${words(Object.keys(IMPORT_FLAGS))}"
${Object.entries(IMPORT_FLAGS)
  .map(([source, flags]) => fishFlags(`${seen('import')}; and ${seen(source)}`, flags))
  .join('\n')}
complete -c tessera -n "${seen('login')}; and not ${seen(...Object.keys(LOGIN_FLAGS))}" -a "${words(Object.keys(LOGIN_FLAGS))}"
${Object.entries(LOGIN_FLAGS)
  .map(([provider, flags]) => fishFlags(`${seen('login')}; and ${seen(provider)}`, flags))
  .join('\n')}
complete -c tessera -n "${seen('git-credential')}; and not ${seen(...GIT_CREDENTIAL_ACTIONS)}" -a "${words(GIT_CREDENTIAL_ACTIONS)}"
complete -c tessera -n "${seen('completion')}" -a "${words(COMPLETION_SHELLS)}"
complete -c tessera -n "${seen('agent')}" -a "start stop"
complete -c tessera -n "${seen('exec')}; and contains -- -- (commandline -opc)" -a "(__fish_complete_command)"
`;

export function completionScript(shell: CompletionShell): string {
  return { bash, zsh, fish }[shell];
}
