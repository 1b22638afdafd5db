import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ComplaintDesk } from './ComplaintDesk';

// The public complaint desk: its own small entry, without the signed-in app, its UI library or its service worker.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ComplaintDesk />
  </StrictMode>,
);
