import type { ReactNode } from 'react';
import type { ChannelName } from '../../../shared/ipc/contract.js';
import { onLaptop, serves, signer } from '../ui/transport.js';
import { useIpc } from '../ui/use-ipc.js';
import { hrefFor, type Section } from './route.js';

const sections: { id: Section; label: string; needs: ChannelName; icon: ReactNode }[] = [
  { id: 'requisitions', label: 'Requisitions', needs: 'requisitions:list', icon: <path d="M4 4h12v12H4z M7 8h6 M7 11h6 M7 14h3" /> },
  { id: 'interviews', label: 'Interviews', needs: 'interviews:page', icon: <path d="M4 5h12v8H9l-3 3v-3H4z" /> },
  { id: 'search', label: 'Search', needs: 'search:corpus', icon: <path d="M9 4a5 5 0 1 1 0 10a5 5 0 0 1 0-10z M12.5 12.5L16 16" /> },
  { id: 'settings', label: 'Settings', needs: 'app:info', icon: <path d="M10 6.5a3.5 3.5 0 1 1 0 7a3.5 3.5 0 0 1 0-7z M10 2v3 M10 15v3 M2 10h3 M15 10h3" /> },
];

function sectionHref(section: Section): string {
  return hrefFor(section === 'search' ? { view: 'search', query: '' } : { view: section });
}

/** What leaves this computer, truthfully: nothing, unless a language model elsewhere is set up in Settings. */
function privacyLine(llm: ReturnType<typeof useIpc<{ baseURL: string; local: boolean } | null>>[0]): string {
  if (!onLaptop()) return `Signed in to the team server as ${signer() ?? 'you'}. Only structured data is here: no audio, no transcripts.`;
  if (llm.state !== 'ok' || llm.value === null || llm.value.local) return 'Audio and transcripts stay on this computer.';
  return `Audio stays on this computer. Transcript text you choose to improve or check is sent to ${new URL(llm.value.baseURL).host}.`;
}

export function Sidebar({ current, sessionBar }: { current: Section; sessionBar?: ReactNode }) {
  // Re-read on every section change, so leaving Settings shows what was just configured.
  const [llm] = useIpc(() => (serves('settings:getLlm') ? window.debrief.settingsGetLlm() : Promise.resolve({ ok: true as const, value: null })), `sidebar-${current}`);
  return (
    <aside className="sidebar">
      <div className="sidebar__brand">
        <span className="sidebar__logo" aria-hidden="true">D</span>
        <span>Debrief</span>
      </div>
      <nav aria-label="Sections">
        <ul className="sidebar__nav">
          {sections.filter((s) => serves(s.needs)).map((section) => (
            <li key={section.id}>
              <a
                className="sidebar__link"
                href={sectionHref(section.id)}
                aria-current={section.id === current ? 'page' : undefined}
              >
                <svg className="sidebar__icon" viewBox="0 0 20 20" aria-hidden="true">
                  {section.icon}
                </svg>
                {section.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p className="sidebar__footnote" data-testid="privacy-line">{privacyLine(llm)}</p>
      {sessionBar}
    </aside>
  );
}
