import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { WebSignIn } from './web/web-sign-in.js';
import './app-shell/app-shell.css';

// The web view: the same renderer, served by the team server, over its HTTP transport.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <WebSignIn />
  </StrictMode>,
);
