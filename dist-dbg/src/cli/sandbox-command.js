import { EnvironmentError } from './errors.js';
/** Throws an EnvironmentError a user can act on when no Docker engine answers. */
export async function requireEngine() {
    const { pingEngine, noEngineMessage } = await import('../dynamic/engine.js');
    const ping = await pingEngine();
    if (!ping.ok)
        throw new EnvironmentError(noEngineMessage(ping));
}
export function registerSandbox(program) {
    const sandbox = program.command('sandbox').description('The Docker sandbox: check the engine, build images');
    sandbox
        .command('doctor')
        .description('say what the sandbox needs and what is missing')
        .action(async () => {
        const { doctor } = await import('../dynamic/doctor.js');
        const report = await doctor();
        for (const c of report.checks) {
            process.stdout.write(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}\n`);
            if (!c.ok && c.fix)
                process.stdout.write(`     fix: ${c.fix}\n`);
        }
        process.stdout.write(report.ok ? 'sandbox ready\n' : 'sandbox not ready\n');
        if (!report.ok)
            process.exitCode = 3;
    });
    sandbox
        .command('build')
        .description('build the sandbox images (tagged by a hash of their inputs; rebuilt only when those change)')
        .action(async () => {
        await requireEngine();
        const { ensureImages } = await import('../dynamic/images.js');
        const images = await ensureImages({ onProgress: (m) => process.stderr.write(`gosnare: ${m}\n`) });
        process.stdout.write(`${JSON.stringify(images)}\n`);
    });
}
//# sourceMappingURL=sandbox-command.js.map