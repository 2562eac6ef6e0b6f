import { SERVER_ONLY_CHANNELS } from './web-view-channels.js';
import { channelNames, methodNameOf, type ChannelMethods, type ChannelName, type DebriefApi, type IpcResult, type OpenCaptureStream, type TransportInfo } from './contract.js';

const serverOnly: ReadonlySet<string> = new Set(SERVER_ONLY_CHANNELS);

/** Sends one call across the process boundary: `ipcRenderer.invoke` in Electron, a page binding in tests. */
export type InvokeChannel = (channel: ChannelName, input: unknown) => Promise<IpcResult<unknown>>;

/**
 * Builds `window.debrief` from the contract's channel list. Preload and the browser test
 * bridge both call this, so the renderer sees exactly the same API in both.
 * Every value is a plain function: contextBridge copies it, and nothing else leaks.
 */
export function buildDebriefApi(
  invoke: InvokeChannel,
  pathForFile: (file: File) => string,
  openCaptureStream: OpenCaptureStream,
  transport: { local: boolean; signer?: string | null; serves?: readonly ChannelName[] } = { local: true },
): DebriefApi {
  // The laptop serves every channel but the team server's own (rubric comments).
  const served = new Set<string>(transport.serves ?? channelNames.filter((c) => !serverOnly.has(c)));
  const info: TransportInfo = {
    local: transport.local,
    signer: transport.signer ?? null,
    serves: (channel) => served.has(channel),
  };
  const methods: Record<string, (input?: unknown) => Promise<IpcResult<unknown>>> = {};
  for (const channel of channelNames) {
    methods[methodNameOf(channel)] = (input?: unknown) => invoke(channel, input);
  }
  return {
    ...(methods as ChannelMethods),
    transport: info,
    pathForFile: (file: File) => pathForFile(file),
    openCaptureStream: (sessionId, trackId) => {
      const stream = openCaptureStream(sessionId, trackId);
      return { write: (pcm) => stream.write(pcm), close: () => stream.close() };
    },
  };
}
