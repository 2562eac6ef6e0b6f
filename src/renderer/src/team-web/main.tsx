import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { TeamWebApp } from './team-web-app.js';
import './team-web.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TeamWebApp />
  </StrictMode>,
);
