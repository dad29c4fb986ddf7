/**
 * GitHub's published SSH host keys, mounted as known_hosts for git+ssh dependencies when the
 * `ssh-known-hosts` input is empty — so host keys are checked without ever turning
 * StrictHostKeyChecking off.
 *
 * Source: https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/githubs-ssh-key-fingerprints
 * (also the `ssh_keys` of https://api.github.com/meta). Checked with `ssh-keygen -lf` against
 * the fingerprints published there:
 *   SHA256:+DiY3wvvV6TuJJhbpZisF/zLDA0zPMSvHdkr4UvCOqU (Ed25519)
 *   SHA256:p2QAMXNIC1TJYWeIOttrVc98/R1BUFWu3/LiyKgUfQM (ECDSA)
 *   SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s (RSA, rotated 2023-03-24)
 * If GitHub rotates a key, update this list (a unit test pins the fingerprints).
 */
export const GITHUB_KNOWN_HOSTS = [
  'github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
  'github.com ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg=',
  'github.com ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQCj7ndNxQowgcQnjshcLrqPEiiphnt+VTTvDP6mHBL9j1aNUkY4Ue1gvwnGLVlOhGeYrnZaMgRK6+PKCUXaDbC7qtbW8gIkhL7aGCsOr/C56SJMy/BCZfxd1nWzAOxSDPgVsmerOBYfNqltV9/hWCqBywINIR+5dIg6JTJ72pcEpEjcYgXkE2YEFXV1JHnsKgbLWNlhScqb2UmyRkQyytRLtL+38TGxkxCflmO+5Z8CSSNY7GidjMIZ7Q4zMjA2n1nGrlTDkzwDCsw+wqFPGQA179cnfGWOWRVruj16z6XyvxvjJwbz0wQZ75XK5tKSb7FNyeIEs4TT4jk+S4dhPeAUC5y+bDYirYgM4GC7uEnztnZyaVWQ7B381AK4Qdrwt51ZqExKbQpTUNn+EjqoTwvqNj4kqx5QUCI0ThS/YkOxJCXmPUWZbhjpCg56i+2aB6CmK2JGhn57K5mj0MNdBXA4/WnwH6XoPWJzK5Nyu2zB3nAZp+S5hpQs+p1vN1/wsjk=',
]
  .map((l) => `${l}\n`)
  .join('');

/** The known_hosts text for the build: the caller's, else GitHub's. */
export function knownHostsForBuild(input: string): string {
  const given = input.replace(/\r\n?/g, '\n').trim();
  return given ? `${given}\n` : GITHUB_KNOWN_HOSTS;
}

/**
 * Hosts of `git+ssh://` requirements other than github.com: with the default known_hosts their
 * host key check fails, so the caller should be told to set ssh-known-hosts.
 */
export function sshHostsBeyondGitHub(dependencies: readonly string[]): string[] {
  const hosts = new Set<string>();
  for (const dep of dependencies) {
    for (const m of dep.matchAll(/git\+ssh:\/\/(?:[^@/\s]+@)?(\[[^\]]+\]|[^/:\s]+)/g)) {
      if (m[1] && m[1] !== 'github.com') hosts.add(m[1]);
    }
  }
  return [...hosts];
}
