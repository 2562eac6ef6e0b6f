import type { ReactNode } from 'react';
import { hrefFor, type Section } from './route.js';

const sections: { id: Section; label: string; icon: ReactNode }[] = [
  { id: 'requisitions', label: 'Requisitions', icon: <path d="M4 4h12v12H4z M7 8h6 M7 11h6 M7 14h3" /> },
  { id: 'interviews', label: 'Interviews', icon: <path d="M4 5h12v8H9l-3 3v-3H4z" /> },
  { id: 'search', label: 'Search', icon: <path d="M9 4a5 5 0 1 1 0 10a5 5 0 0 1 0-10z M12.5 12.5L16 16" /> },
  { id: 'settings', label: 'Settings', icon: <path d="M10 6.5a3.5 3.5 0 1 1 0 7a3.5 3.5 0 0 1 0-7z M10 2v3 M10 15v3 M2 10h3 M15 10h3" /> },
];

function sectionHref(section: Section): string {
  return hrefFor(section === 'search' ? { view: 'search', query: '' } : { view: section });
}

export function Sidebar({ current }: { current: Section }) {
  return (
    <aside className="sidebar">
      <div className="sidebar__brand">
        <span className="sidebar__logo" aria-hidden="true">D</span>
        <span>Debrief</span>
      </div>
      <nav aria-label="Sections">
        <ul className="sidebar__nav">
          {sections.map((section) => (
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
      <p className="sidebar__footnote">Everything stays on this computer.</p>
    </aside>
  );
}
