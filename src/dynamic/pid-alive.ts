/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). No deps, so
 * the CLI's interrupt handling can use it without loading the Docker client. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
