import { ErrorMessage } from '../ui/error-message.js';
import { ConsentSettings } from './consent-settings.js';
import { LlmSettings } from './llm-settings.js';
import { ModelSettings } from './model-settings.js';
import { PrivacySettings } from '../privacy/privacy-settings.js';
import { SyncSettings } from '../sync/sync-settings.js';
import { useIpc } from '../ui/use-ipc.js';

export function SettingsView() {
  const [info] = useIpc(() => window.debrief.appInfo(), 'app-info');
  return (
    <section className="view" aria-labelledby="settings-title">
      <header className="view__header view__header--stacked">
        <h1 id="settings-title">Settings</h1>
        <p className="view__lede">
          Transcription models, the consent notice and the optional language model. Your data lives in the folder below.
        </p>
      </header>
      {info.state === 'loading' && <p className="muted">Loading…</p>}
      {info.state === 'error' && <ErrorMessage error={info.error} />}
      {info.state === 'ok' && (
        <dl className="facts panel">
          <dt>Data folder</dt>
          <dd>
            <code data-testid="data-folder">{info.value.dataFolder}</code>
          </dd>
          <dt>Database</dt>
          <dd>
            <code>{info.value.databaseFile}</code>
          </dd>
          <dt>Version</dt>
          <dd>
            Debrief {info.value.appVersion}
            {info.value.electronVersion && ` · Electron ${info.value.electronVersion}`}
            {info.value.chromeVersion && ` · Chromium ${info.value.chromeVersion}`}
            {` · Node ${info.value.nodeVersion}`} · {info.value.platform}
          </dd>
        </dl>
      )}
      <ModelSettings />
      <ConsentSettings />
      <PrivacySettings />
      <SyncSettings />
      <LlmSettings />
    </section>
  );
}
