/**
 * `tessera completion bash|zsh|fish`: completion scripts for the commands, their options, and
 * account names, which they get from `tessera list --names` (no approval: names are not secret).
 *
 * Account names come from providers and may hold anything, so no script lets the shell evaluate
 * them: bash's `compgen -W` would expand `$(…)` in a name (it performs command substitution on its
 * word list), so the bash script filters the names itself and quotes each with `printf %q`; zsh
 * reads them with `${(f)…}` and adds them with `compadd` (which quotes); fish splits a command
 * substitution on newlines without evaluating it.
 */
import { ALL_COPY_KINDS } from '../shared/types';
import { COMPLETION_SHELLS, SERVICE_TOKEN_KIND, SHELLS, type CompletionShell } from './args';

/** What `--kind` offers: the copy kinds, and Clever Cloud's service tokens. */
const KINDS = [...ALL_COPY_KINDS, SERVICE_TOKEN_KIND].join(' ');
const COMMANDS = ['list', 'status', 'token', 'exec', 'env', 'grant', 'grants', 'revoke-grant', 'import', 'login', 'completion', 'agent', 'help'] as const;
/** Commands whose arguments are accounts. */
const ACCOUNT_COMMANDS = ['token', 'exec', 'env', 'grant'] as const;

const bash = `# bash completion for tessera (tessera completion bash)
_tessera() {
  local cur prev cmd i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd="\${COMP_WORDS[1]}"
  COMPREPLY=()
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W "${COMMANDS.join(' ')}" -- "$cur"))
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
    --shell) COMPREPLY=($(compgen -W "${SHELLS.join(' ')}" -- "$cur")); return ;;
    --cwd) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --for|--min-valid) return ;;
  esac
  case "$cmd" in
    ${ACCOUNT_COMMANDS.join('|')})
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "--json --kind --min-valid --shell --for --cwd --" -- "$cur"))
        return
      fi
      local name
      while IFS= read -r name; do
        [[ -n $name && $name == "$cur"* ]] && COMPREPLY+=("$(printf '%q' "$name")")
      done < <(tessera list --names 2>/dev/null)
      ;;
    completion) COMPREPLY=($(compgen -W "${COMPLETION_SHELLS.join(' ')}" -- "$cur")) ;;
    agent) COMPREPLY=($(compgen -W "start stop" -- "$cur")) ;;
    help) COMPREPLY=($(compgen -W "${COMMANDS.join(' ')}" -- "$cur")) ;;
    *) COMPREPLY=($(compgen -W "--json" -- "$cur")) ;;
  esac
}
complete -F _tessera tessera
`;

const zsh = `#compdef tessera
# zsh completion for tessera (tessera completion zsh)
_tessera() {
  local -a commands names
  commands=(${COMMANDS.join(' ')})
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
    --shell) compadd ${SHELLS.join(' ')}; return ;;
    --cwd) _directories; return ;;
    --for|--min-valid) return ;;
  esac
  case $words[2] in
    ${ACCOUNT_COMMANDS.join('|')})
      if [[ $PREFIX == -* ]]; then
        compadd -- --json --kind --min-valid --shell --for --cwd --
        return
      fi
      names=("\${(@f)$(tessera list --names 2>/dev/null)}")
      names=(\${names:#})
      compadd -a names
      ;;
    completion) compadd ${COMPLETION_SHELLS.join(' ')} ;;
    agent) compadd start stop ;;
    help) compadd -a commands ;;
    *) compadd -- --json ;;
  esac
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _tessera "$@"
else
  compdef _tessera tessera
fi
`;

const accountCondition = `__fish_seen_subcommand_from ${ACCOUNT_COMMANDS.join(' ')}; and not contains -- -- (commandline -opc)`;
const fish = `# fish completion for tessera (tessera completion fish)
complete -c tessera -f
complete -c tessera -n __fish_use_subcommand -a "${COMMANDS.join(' ')}"
complete -c tessera -n "${accountCondition}" -a "(tessera list --names 2>/dev/null)"
complete -c tessera -n "__fish_seen_subcommand_from token" -l kind -x -a "${KINDS}"
complete -c tessera -n "__fish_seen_subcommand_from env" -l shell -x -a "${SHELLS.join(' ')}"
complete -c tessera -n "__fish_seen_subcommand_from token exec env" -l min-valid -x
complete -c tessera -n "__fish_seen_subcommand_from grant" -l for -x
complete -c tessera -n "__fish_seen_subcommand_from grant" -l cwd -x -a "(__fish_complete_directories)"
complete -c tessera -n "__fish_seen_subcommand_from list status token env grant grants revoke-grant agent" -l json
complete -c tessera -n "__fish_seen_subcommand_from list" -l names
complete -c tessera -n "__fish_seen_subcommand_from completion" -a "${COMPLETION_SHELLS.join(' ')}"
complete -c tessera -n "__fish_seen_subcommand_from agent" -a "start stop"
complete -c tessera -n "__fish_seen_subcommand_from exec; and contains -- -- (commandline -opc)" -a "(__fish_complete_command)"
`;

export function completionScript(shell: CompletionShell): string {
  return { bash, zsh, fish }[shell];
}
