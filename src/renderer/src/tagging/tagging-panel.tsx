/** Placeholder until the tagging feature lands: the recorder mounts this during a call. */
export function TaggingPanel(props: { sessionId: string; elapsedSec: () => number }) {
  void props;
  return null;
}
