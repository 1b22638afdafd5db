import { usageError } from './errors';

/** One `--name value` (or `--name=value`) option; without `value` it is a flag. */
export interface OptionSpec {
  name: string;
  /** Placeholder shown in help, such as FILE. */
  value?: string;
  help: string;
}

export class Options {
  constructor(private readonly given: ReadonlyMap<string, string | true>) {}

  text(name: string): string | undefined {
    const value = this.given.get(name);
    return typeof value === 'string' ? value : undefined;
  }

  required(name: string): string {
    const value = this.text(name);
    if (value === undefined) throw usageError(`缺少选项 Missing option: --${name}`);
    return value;
  }

  flag(name: string): boolean {
    return this.given.get(name) === true;
  }
}

export function parseOptions(args: readonly string[], specs: readonly OptionSpec[]): Options {
  const given = new Map<string, string | true>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (!arg.startsWith('--')) throw usageError(`多余的参数 Unexpected argument: ${arg}`);
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const spec = specs.find((s) => s.name === name);
    if (!spec) throw usageError(`未知选项 Unknown option: --${name}`);
    if (given.has(name)) throw usageError(`选项重复 Option given twice: --${name}`);
    if (!spec.value) {
      if (eq !== -1) throw usageError(`选项不带值 Option takes no value: --${name}`);
      given.set(name, true);
      continue;
    }
    let value: string | undefined = eq === -1 ? args[i + 1] : arg.slice(eq + 1);
    if (eq === -1) {
      // A following option means the value was forgotten; a value that starts with -- needs the --name=value form.
      if (value?.startsWith('--')) value = undefined;
      else i += 1;
    }
    if (!value) throw usageError(`选项缺少值 Option needs a value: --${name} ${spec.value}`);
    given.set(name, value);
  }
  return new Options(given);
}

export function formatOptions(specs: readonly OptionSpec[]): string {
  const heads = specs.map((s) => (s.value ? `--${s.name} ${s.value}` : `--${s.name}`));
  const width = Math.max(...heads.map((h) => h.length)) + 2;
  return specs.map((s, i) => `  ${heads[i].padEnd(width)}${s.help}`).join('\n');
}
