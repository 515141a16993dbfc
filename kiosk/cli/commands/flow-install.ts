/**
 * `kiosk24 flow keygen|pack|sign|install|rollback|list`: shipping flow packages from a vendor to
 * a kiosk. Every refusal is one line saying what was wrong and what to do; exit code 0 done,
 * 1 refused, 2 usage error. Nothing here throws at the caller.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../core/config/index.ts';
import { InstallRefusal } from '../../core/flow-install/errors.ts';
import { installFlow, rollbackFlow } from '../../core/flow-install/install.ts';
import { PRIVATE_KEY_FILE, PUBLIC_KEY_FILE, writeKeyPair } from '../../core/flow-install/keys.ts';
import { listFlows } from '../../core/flow-install/list.ts';
import { packFlow, signArchive } from '../../core/flow-install/pack.ts';

const USAGE = `usage: kiosk24 flow keygen --out DIR
       kiosk24 flow pack DIR --out FILE.k24flow [--require-test]
       kiosk24 flow sign FILE.k24flow --key KEYFILE
       kiosk24 flow install FILE.k24flow [--config CFG] [--allow-downgrade]
       kiosk24 flow rollback ID [--config CFG]
       kiosk24 flow list [--json] [--config CFG]

  keygen     make an Ed25519 signing key pair (flow-signing.key, owner-only; flow-signing.pub)
  pack       check a package folder and write it with a SHA-256 manifest into one archive;
             --require-test also demands that kiosk24 flow test passes
  sign       sign the archive's manifest with a private key from keygen
  install    verify, check, stage and switch to the archive's version; the previous one is kept
  rollback   serve the previous version of the flow again
  list       every flow: id, version, source, signer, installed-at, previous version

  Exit code 0 when done, 1 when refused, 2 for a usage error. See flows/INSTALL.md.`;

const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

/** Runs `kiosk24 flow keygen|pack|sign|install|rollback|list`; resolves to the exit code and never rejects. */
export async function flowInstallCommand(
  args: string[],
  out: (line: string) => void,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        out: { type: 'string' },
        key: { type: 'string' },
        config: { type: 'string' },
        json: { type: 'boolean', default: false },
        'allow-downgrade': { type: 'boolean', default: false },
        'require-test': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    out(`kiosk24 flow: ${messageOf(error)}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { values } = parsed;
  const [sub, ...positionals] = parsed.positionals;
  if (values.help) {
    out(USAGE);
    return EXIT.ok;
  }
  const usage = (why: string): number => {
    out(`kiosk24 flow ${sub ?? ''}: ${why}\n\n${USAGE}`);
    return EXIT.usage;
  };
  const [target, ...extra] = positionals;
  if (extra.length > 0) return usage(`unexpected ${extra.join(' ')}`);
  try {
    switch (sub) {
      case 'keygen': {
        if (values.out === undefined || target !== undefined)
          return usage('give --out DIR and nothing else');
        const made = writeKeyPair(resolve(values.out));
        out(
          `wrote ${join(values.out, PRIVATE_KEY_FILE)} (private: keep it secret, off the kiosks)`,
        );
        out(`wrote ${join(values.out, PUBLIC_KEY_FILE)}`);
        out(`key id ${made.keyId}; trust it on a kiosk with, in the config:`);
        out(
          `flows:\n  trustedKeys:\n    my-vendor:\n      publicKey: ${made.publicKeyBase64}\n      scope: ['your-flow-id-prefix-*']`,
        );
        return EXIT.ok;
      }
      case 'pack': {
        if (target === undefined || values.out === undefined)
          return usage('give the package folder and --out FILE.k24flow');
        const manifest = await packFlow(resolve(target), resolve(values.out), {
          requireTest: values['require-test'],
        });
        out(
          `packed ${manifest.id} ${manifest.version} (${manifest.files.length} files) into ${values.out}; sign it with kiosk24 flow sign`,
        );
        return EXIT.ok;
      }
      case 'sign': {
        if (target === undefined || values.key === undefined)
          return usage('give the archive and --key KEYFILE');
        const signed = await signArchive(resolve(target), resolve(values.key));
        out(
          `signed ${signed.manifest.id} ${signed.manifest.version} in ${target} with key ${signed.keyId}`,
        );
        return EXIT.ok;
      }
      case 'install': {
        if (target === undefined) return usage('give the .k24flow archive to install');
        const config = loadConfig(values.config);
        const done = await installFlow(resolve(target), {
          config,
          allowDowngrade: values['allow-downgrade'],
        });
        for (const warning of done.warnings) out(`warning: ${warning}`);
        if (done.cleaned > 0) out(`removed ${done.cleaned} leftover(s) of an interrupted install`);
        const signer = done.signer
          ? (done.signer.name ?? `untrusted key ${done.signer.keyId}`)
          : 'unsigned';
        out(
          done.unchanged
            ? `${done.id} ${done.version} is already installed; nothing changed`
            : `installed ${done.id} ${done.version} (signer: ${signer}; previous: ${done.previous ?? 'none'}); a running kiosk serves it from its next session`,
        );
        return EXIT.ok;
      }
      case 'rollback': {
        if (target === undefined) return usage('give the flow id to roll back');
        const back = rollbackFlow(target, loadConfig(values.config));
        out(`rolled ${target} back from ${back.from} to ${back.to}`);
        return EXIT.ok;
      }
      case 'list': {
        if (target !== undefined) return usage(`unexpected ${target}`);
        const flows = listFlows(loadConfig(values.config));
        if (values.json) out(JSON.stringify(flows));
        else for (const line of listText(flows)) out(line);
        return EXIT.ok;
      }
      default:
        return usage(`unknown subcommand ${JSON.stringify(sub)}`);
    }
  } catch (error) {
    if (error instanceof InstallRefusal) out(`kiosk24 flow ${sub}: ${error.message}`);
    else if (error instanceof ConfigError) out(`kiosk24 flow ${sub}: ${error.message}`);
    // Never a stack trace for an operator: a fault in the tool itself is one line too.
    else out(`kiosk24 flow ${sub}: failed (${messageOf(error)}); report this to the kiosk24 team`);
    return EXIT.refused;
  }
}

function listText(flows: ReturnType<typeof listFlows>): string[] {
  if (flows.length === 0) return ['no flows (check flows.directories and flows.installDir)'];
  return flows.map(
    (f) =>
      `${f.id} ${f.version ?? '?'} ${f.source}` +
      (f.source === 'installed'
        ? ` signer=${f.signer ?? 'unsigned'} installed=${f.installedAt ?? '?'} previous=${f.previous ?? 'none'}`
        : ''),
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
