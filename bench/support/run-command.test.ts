import { describe, expect, it } from 'vitest';
import { runCommand } from './run-command.js';

describe('runCommand', () => {
  it('returns stdout and stderr of a program that succeeds', async () => {
    const r = await runCommand(process.execPath, ['-e', 'process.stdout.write("out"); process.stderr.write("err")']);
    expect(r).toEqual({ stdout: 'out', stderr: 'err' });
  });

  it("rejects with the tail of the program's own error output", async () => {
    await expect(runCommand(process.execPath, ['-e', 'console.error("no rule to make target"); process.exit(2)'])).rejects.toThrow(/exit 2\): no rule to make target/);
  });

  it('names a program that is not installed', async () => {
    await expect(runCommand('debrief-no-such-program', [])).rejects.toThrow('debrief-no-such-program is not installed');
  });
});
