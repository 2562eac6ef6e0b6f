import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app-shell/app.js';
import './app-shell/app-shell.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
