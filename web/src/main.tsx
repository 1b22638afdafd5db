import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import { App, queryClient } from './App';
import { restoreFieldData } from './offline/field';

// The app shell comes from the service worker when there is no network (not under the Vite dev server).
if ('serviceWorker' in navigator && location.port !== '5173') void navigator.serviceWorker.register('/sw.js').catch(() => undefined);

// What the field pages prepared comes back first, so a reload at a school without signal shows it.
void restoreFieldData(queryClient).catch(() => undefined).finally(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
