import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

const backend = 'http://127.0.0.1:3000';
const echarts = /node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/;

/** Brotli and gzip copies of every text asset, so the server sends them without compressing per request. */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'dudao-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const entry of fs.readdirSync(outDir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !/\.(js|css|html|svg|json)$/.test(entry.name)) continue;
        const file = path.join(entry.parentPath, entry.name);
        const content = fs.readFileSync(file);
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    react(),
    // Installable on a phone's home screen, and the app shell (every page's code) kept by a service worker, so the
    // field pages open with no network at a village school. The API is never cached by the worker: what a
    // field visit needs offline is prepared into IndexedDB on purpose (web/src/offline).
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      manifest: {
        name: '督导平台 Dudao',
        short_name: '督导',
        description: '教育督导：计划、走访、问题、督办与整改',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#b7141b',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: '/index.html',
        // The public complaint desk is a page of its own, never the signed-in app's shell.
        navigateFallbackDenylist: [/^\/api\//, /^\/healthz/, /^\/complaint/],
        cleanupOutdatedCaches: true,
      },
    }),
    precompress(),
  ],
  server: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
    },
  },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    rolldownOptions: {
      // Two pages: the app, and the public complaint desk (small: React and its own code, no UI library).
      input: { main: fileURLToPath(new URL('index.html', import.meta.url)), complaint: fileURLToPath(new URL('complaint.html', import.meta.url)) },
      output: {
        // antd is split by use, not kept as one chunk, so the sign-in page loads only the components it shows;
        // echarts stays a chunk of its own for the pages that chart.
        codeSplitting: {
          groups: [{ name: 'echarts', test: echarts, priority: 2 }],
        },
      },
    },
  },
});
