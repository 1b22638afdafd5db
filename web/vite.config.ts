import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const backend = 'http://127.0.0.1:3000';
const antd = /node_modules[\\/](antd|@ant-design|@rc-component|@emotion|dayjs)[\\/]/;
const echarts = /node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  server: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
    },
  },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // The antd chunk holds every component the pages use, ~1.1 MB minified (~340 kB gzipped), by design.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app, and antd and echarts are large: separate chunks cache better.
        // A group also takes the modules its members import, so React would land in the antd chunk unless the
        // vendor group, excluding antd and echarts, claims it first.
        codeSplitting: {
          groups: [
            {
              name: 'vendor',
              test: (id) => id.includes('node_modules') && !antd.test(id) && !echarts.test(id),
              priority: 3,
            },
            { name: 'antd', test: antd, priority: 2 },
            { name: 'echarts', test: echarts, priority: 2 },
          ],
        },
      },
    },
  },
});
