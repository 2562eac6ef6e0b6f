import type { MouseEvent, ReactNode } from 'react';
import { AlignmentView } from '../calibration/alignment-view.js';
import { CalibrationView } from '../calibration/calibration-view.js';
import { CandidateBriefView } from '../brief/candidate-brief-view.js';
import { InterviewsView } from '../interviews/interviews-view.js';
import { RecorderView } from '../recorder/recorder-view.js';
import { ReattachNotice } from '../recorder/reattach-notice.js';
import { RecordingBanner } from '../recorder/recording-banner.js';
import { RecoveredNotices } from '../recorder/recovered-notices.js';
import { RequisitionView } from '../requisitions/requisition-view.js';
import { RequisitionsView } from '../requisitions/requisitions-view.js';
import { SearchView } from '../search/search-view.js';
import { DebriefView } from '../scorecards/debrief-view.js';
import { ScorecardView } from '../scorecards/scorecard-view.js';
import { FirstRunModelNotice } from '../settings/first-run-model-notice.js';
import { SettingsView } from '../settings/settings-view.js';
import { TranscriptView } from '../transcript/transcript-view.js';
import { NOT_IN_WEB_VIEW } from '../../../shared/ipc/web-view-channels.js';
import type { ChannelName } from '../../../shared/ipc/contract.js';
import { onLaptop, serves } from '../ui/transport.js';
import { hrefFor, sectionOf, useRoute, type Route } from './route.js';
import { Sidebar } from './sidebar.js';

/** The channel each view opens with: a view whose channel the transport doesn't serve says so instead. */
const VIEW_NEEDS: Record<Route['view'], ChannelName> = {
  requisitions: 'requisitions:list',
  requisition: 'requisitions:get',
  calibration: 'calibration:get',
  alignment: 'alignment:get',
  interviews: 'interviews:page',
  record: 'capture:start',
  session: 'sessions:get',
  scorecard: 'sessions:get',
  debrief: 'debrief:get',
  brief: 'brief:candidate',
  search: 'search:corpus',
  settings: 'app:info',
};

/** `sessionBar`: the web view's signed-in person and their sign-out, shown in the sidebar. */
export function App({ sessionBar }: { sessionBar?: ReactNode } = {}) {
  const route = useRoute();
  const local = onLaptop();
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main-content" onClick={focusMain}>
        Skip to content
      </a>
      <Sidebar current={sectionOf(route)} sessionBar={sessionBar} />
      <main className="app-main" id="main-content" tabIndex={-1}>
        {local && (
          <>
            <RecoveredNotices />
            <ReattachNotice />
            <FirstRunModelNotice view={route.view} />
            <RecordingBanner hidden={route.view === 'record'} />
          </>
        )}
        {serves(VIEW_NEEDS[route.view]) ? <CurrentView route={route} /> : <NotServed />}
      </main>
    </div>
  );
}

function CurrentView({ route }: { route: Route }) {
  switch (route.view) {
    case 'requisitions':
      return <RequisitionsView />;
    case 'requisition':
      // keyed: another requisition starts with a clean editor
      return <RequisitionView key={route.requisitionId} requisitionId={route.requisitionId} version={route.version} />;
    case 'calibration':
      return <CalibrationView key={route.requisitionId} requisitionId={route.requisitionId} />;
    case 'alignment':
      return <AlignmentView />;
    case 'interviews':
      return <InterviewsView />;
    case 'record':
      // keyed: a link with other prefills starts a fresh setup
      return <RecorderView key={`${route.kind ?? ''}:${route.requisitionId ?? ''}`} prefill={{ kind: route.kind, requisitionId: route.requisitionId }} />;
    case 'session':
      // keyed: a different session starts from a clean state
      return <TranscriptView key={route.sessionId} sessionId={route.sessionId} segmentId={route.segmentId} at={route.at} />;
    case 'scorecard':
      return <ScorecardView key={route.sessionId} sessionId={route.sessionId} />;
    case 'debrief':
      return <DebriefView key={route.candidateId} candidateId={route.candidateId} />;
    case 'brief':
      return <CandidateBriefView key={route.candidateId} candidateId={route.candidateId} />;
    case 'search':
      return <SearchView query={route.query} filters={route.filters} />;
    case 'settings':
      return <SettingsView />;
  }
}

function NotServed() {
  return (
    <section className="view">
      <p role="alert">{NOT_IN_WEB_VIEW}</p>
      <a href={hrefFor({ view: 'requisitions' })}>Go to the requisitions</a>
    </section>
  );
}

function focusMain(event: MouseEvent) {
  // The hash is our router's: move focus without changing it.
  event.preventDefault();
  document.getElementById('main-content')?.focus();
}
