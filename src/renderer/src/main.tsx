import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app-shell/app.js';
import { StoreLock } from './privacy/store-lock.js';
import './app-shell/app-shell.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreLock>
      <App />
    </StoreLock>
  </StrictMode>,
);
