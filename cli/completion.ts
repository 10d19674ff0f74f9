// `secretsentry completion bash|zsh|fish`: tab completion, written from the program's own commands
// and options, so it never lists one that does not exist or misses a new one.
import type { Command } from 'commander';
import { usage } from './exit.ts';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

interface Spec {
  readonly name: string;
  readonly description: string;
  readonly options: readonly { readonly long: string; readonly takesValue: boolean }[];
}

function specs(program: Command): Spec[] {
  return program.commands.map((command) => ({
    name: command.name(),
    description: command.description().replace(/'/g, ''),
    options: [
      ...command.options.flatMap((o) =>
        o.long ? [{ long: o.long, takesValue: o.required || o.optional }] : [],
      ),
      { long: '--help', takesValue: false },
    ],
  }));
}

export function completionScript(shell: string, program: Command): string {
  if (!(SHELLS as readonly string[]).includes(shell)) {
    throw usage(`completion knows ${SHELLS.join(', ')}, not "${shell}".`);
  }
  const commands = specs(program);
  if (shell === 'fish') return fish(commands);
  const cases = commands
    .map((c) => `    ${c.name}) opts='${c.options.map((o) => o.long).join(' ')}' ;;`)
    .join('\n');
  const bash = `# secretsentry completion for ${shell}; load it with: source <(secretsentry completion ${shell})
_secretsentry() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" opts=''
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W '${commands.map((c) => c.name).join(' ')} --help --version' -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o default -F _secretsentry secretsentry
`;
  if (shell === 'bash') return bash;
  // zsh runs the bash function through bashcompinit, which needs compinit's compdef.
  return `(( $+functions[compdef] )) || { autoload -U +X compinit && compinit -u; }
autoload -U +X bashcompinit && bashcompinit
${bash}`;
}

function fish(commands: readonly Spec[]): string {
  const lines = [
    '# secretsentry completion for fish; load it with: secretsentry completion fish | source',
    'complete -c secretsentry -f',
    ...commands.map(
      (c) => `complete -c secretsentry -n __fish_use_subcommand -a ${c.name} -d '${c.description}'`,
    ),
    ...commands.flatMap((c) =>
      c.options.map(
        (o) =>
          `complete -c secretsentry -n '__fish_seen_subcommand_from ${c.name}' -l ${o.long.slice(2)}` +
          (o.takesValue ? ' -r -F' : ''),
      ),
    ),
  ];
  return lines.join('\n') + '\n';
}
