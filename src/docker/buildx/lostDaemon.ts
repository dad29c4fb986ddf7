/**
 * buildx's words when the BuildKit daemon of the builder goes away (a remote daemon restarted,
 * a builder container killed, the network to it lost), turned into what happened. buildx then
 * ends at once with a gRPC error (no hang); the raw error names neither the daemon nor a cause.
 */

/** buildx could not dial the daemon at all. */
const UNREACHABLE = /Error while dialing|connection error: desc/;
/** The connection was there and broke: the status stream of the running solve ended. */
const LOST =
  /failed to receive status|error reading from server|transport is closing|connection reset by peer|code = Unavailable|Unavailable:/;

/**
 * Pure: the explanation to put before buildx's `error` (kept verbatim after it), or undefined
 * when the error is not about the connection to the daemon. `step`: the step the build was at.
 */
export function explainLostDaemon(error: string, step?: string): string | undefined {
  if (UNREACHABLE.test(error)) {
    return (
      'could not reach the BuildKit daemon of the builder (is it running, and is its address, TLS ' +
      `certificate and network right?): ${error}`
    );
  }
  if (LOST.test(error)) {
    const where = step ? ` at step ${step}` : '';
    return (
      `lost the connection to the BuildKit daemon while the build ran${where} (it stopped, crashed or ` +
      `restarted, or the network to it broke); the build did not finish, run it again once the builder is back: ${error}`
    );
  }
  return undefined;
}
