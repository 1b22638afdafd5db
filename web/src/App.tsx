import { lazy, Suspense } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zh_CN from 'antd/locale/zh_CN';
import en_US from 'antd/locale/en_US';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from './services/client';
import { sessionKey } from './session';
import { RequirePermission, RequireSession } from './components/guards';
import { NotFoundPage } from './pages/NotFoundPage';
import { LoginPage } from './pages/login/LoginPage';

// The sign-in page is all a first visit loads; the signed-in shell comes after.
const AppLayout = lazy(() => import('./components/AppLayout').then((m) => ({ default: m.AppLayout })));
const ForcedPasswordPage = lazy(() => import('./pages/profile/ForcedPasswordPage').then((m) => ({ default: m.ForcedPasswordPage })));
const HomePage = lazy(() => import('./pages/home/HomePage').then((m) => ({ default: m.HomePage })));

const RegionsPage = lazy(() => import('./pages/regions/RegionsPage'));
const UnitsPage = lazy(() => import('./pages/units/UnitsPage'));
const UnitDetailPage = lazy(() => import('./pages/units/UnitDetailPage'));
const AccountsPage = lazy(() => import('./pages/accounts/AccountsPage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));
const SecuritySettingsPage = lazy(() => import('./pages/settings/SecuritySettingsPage'));
const ProfilePage = lazy(() => import('./pages/profile/ProfilePage'));
const InspectorsPage = lazy(() => import('./pages/inspectors/InspectorsPage'));
const InspectorDetailPage = lazy(() => import('./pages/inspectors/InspectorDetailPage'));
const ResponsiblePage = lazy(() => import('./pages/inspectors/ResponsiblePage'));
const ExpertsPage = lazy(() => import('./pages/experts/ExpertsPage'));
const ExpertDetailPage = lazy(() => import('./pages/experts/ExpertDetailPage'));
const ReviewsPage = lazy(() => import('./pages/experts/ReviewsPage'));
const ReviewDetailPage = lazy(() => import('./pages/experts/ReviewDetailPage'));
const FeesPage = lazy(() => import('./pages/experts/FeesPage'));
const CommitteePage = lazy(() => import('./pages/committee/CommitteePage'));
const TasksPage = lazy(() => import('./pages/tasks/TasksPage'));
const PeriodFiguresPage = lazy(() => import('./pages/tasks/PeriodFiguresPage'));
const TaskDetailPage = lazy(() => import('./pages/tasks/TaskDetailPage'));
const MyTargetsPage = lazy(() => import('./pages/visits/MyTargetsPage'));
const PacketPage = lazy(() => import('./pages/visits/PacketPage'));
const VisitsPage = lazy(() => import('./pages/visits/VisitsPage'));
const VisitFormPage = lazy(() => import('./pages/visits/VisitFormPage'));
const ProblemsPage = lazy(() => import('./pages/problems/ProblemsPage'));
const ProblemDetailPage = lazy(() => import('./pages/problems/ProblemDetailPage'));
const RecommendationsPage = lazy(() => import('./pages/problems/RecommendationsPage'));
const ChecklistsPage = lazy(() => import('./pages/checklists/ChecklistsPage'));
const FrameworksPage = lazy(() => import('./pages/indicators/FrameworksPage'));
const BalancePage = lazy(() => import('./pages/balance/BalancePage'));
const ComplaintsPage = lazy(() => import('./pages/complaints/ComplaintsPage'));
const NoticesPage = lazy(() => import('./pages/notices/NoticesPage'));
const NoticeDetailPage = lazy(() => import('./pages/notices/NoticeDetailPage'));
const InboxPage = lazy(() => import('./pages/notices/InboxPage'));
const NoticeSettingsPage = lazy(() => import('./pages/notices/NoticeSettingsPage'));
const RectificationsPage = lazy(() => import('./pages/rectification/RectificationsPage'));
const RectificationDetailPage = lazy(() => import('./pages/rectification/RectificationDetailPage'));
const DeadlineSettingsPage = lazy(() => import('./pages/settings/DeadlineSettingsPage'));
const ResponsibleSettingsPage = lazy(() => import('./pages/settings/ResponsibleSettingsPage'));
const MyWorkPage = lazy(() => import('./pages/workbench/MyWorkPage'));
const RectificationOverviewPage = lazy(() => import('./pages/oversight/RectificationOverviewPage'));
const ClearanceListsPage = lazy(() => import('./pages/oversight/ClearanceListsPage'));
const ClearanceListDetailPage = lazy(() => import('./pages/oversight/ClearanceListDetailPage'));
const FilingsPage = lazy(() => import('./pages/oversight/FilingsPage'));
const AccountabilityCasesPage = lazy(() => import('./pages/oversight/AccountabilityCasesPage'));
const AccountabilityCaseDetailPage = lazy(() => import('./pages/oversight/AccountabilityCaseDetailPage'));

/** A 401 or a demanded password change anywhere means the session changed: ask the server again. */
function recheckSession(error: Error): void {
  if (error instanceof ApiError && (error.status === 401 || error.code === 'PASSWORD_CHANGE_REQUIRED')) {
    void queryClient.invalidateQueries({ queryKey: sessionKey });
  }
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: recheckSession }),
  mutationCache: new MutationCache({ onError: recheckSession }),
  defaultOptions: {
    queries: {
      // Client errors will not change on retry; only network trouble and 5xx are worth another try.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireSession />,
    children: [
      { path: '/change-password', element: <ForcedPasswordPage /> },
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'regions', element: <RequirePermission permission="regions.read"><RegionsPage /></RequirePermission> },
          { path: 'units', element: <RequirePermission permission="units.read"><UnitsPage /></RequirePermission> },
          { path: 'units/:id', element: <RequirePermission permission="units.read"><UnitDetailPage /></RequirePermission> },
          { path: 'accounts', element: <RequirePermission permission="accounts.read"><AccountsPage /></RequirePermission> },
          { path: 'audit', element: <RequirePermission permission="audit.read"><AuditPage /></RequirePermission> },
          {
            path: 'settings/security',
            element: <RequirePermission permission="settings.read"><SecuritySettingsPage /></RequirePermission>,
          },
          { path: 'inspectors', element: <RequirePermission permission="inspectors.read"><InspectorsPage /></RequirePermission> },
          { path: 'inspectors/:id', element: <RequirePermission permission="inspectors.read"><InspectorDetailPage /></RequirePermission> },
          { path: 'responsible', element: <RequirePermission permission="inspectors.read"><ResponsiblePage /></RequirePermission> },
          { path: 'experts', element: <RequirePermission permission="experts.read"><ExpertsPage /></RequirePermission> },
          { path: 'experts/:id', element: <RequirePermission permission="experts.read"><ExpertDetailPage /></RequirePermission> },
          { path: 'reviews', element: <RequirePermission permission="experts.read"><ReviewsPage /></RequirePermission> },
          { path: 'reviews/:id', element: <RequirePermission permission="experts.read"><ReviewDetailPage /></RequirePermission> },
          { path: 'fees', element: <RequirePermission permission="fees.read"><FeesPage /></RequirePermission> },
          { path: 'committee', element: <RequirePermission permission="committee.read"><CommitteePage /></RequirePermission> },
          { path: 'tasks', element: <RequirePermission permission="tasks.read"><TasksPage /></RequirePermission> },
          { path: 'tasks/figures', element: <RequirePermission permission="tasks.read"><PeriodFiguresPage /></RequirePermission> },
          { path: 'tasks/:id', element: <RequirePermission permission="tasks.read"><TaskDetailPage /></RequirePermission> },
          { path: 'tasks/:taskId/targets/:targetId', element: <RequirePermission permission="visits.read"><PacketPage /></RequirePermission> },
          { path: 'my-targets', element: <RequirePermission permission="visits.record"><MyTargetsPage /></RequirePermission> },
          { path: 'visits', element: <RequirePermission permission="visits.read"><VisitsPage /></RequirePermission> },
          { path: 'visits/:id', element: <RequirePermission permission="visits.read"><VisitFormPage /></RequirePermission> },
          { path: 'problems', element: <RequirePermission permission="problems.read"><ProblemsPage /></RequirePermission> },
          { path: 'problems/:id', element: <RequirePermission permission="problems.read"><ProblemDetailPage /></RequirePermission> },
          { path: 'recommendations', element: <RequirePermission permission="problems.read"><RecommendationsPage /></RequirePermission> },
          { path: 'checklists', element: <RequirePermission permission="checklists.read"><ChecklistsPage /></RequirePermission> },
          { path: 'indicator-frameworks', element: <RequirePermission permission="evaluation.read"><FrameworksPage /></RequirePermission> },
          { path: 'balance', element: <RequirePermission permission="balance.read"><BalancePage /></RequirePermission> },
          { path: 'complaints', element: <RequirePermission permission="complaints.read"><ComplaintsPage /></RequirePermission> },
          { path: 'my-work', element: <MyWorkPage /> },
          { path: 'settings/deadlines', element: <RequirePermission permission="dictionaries.write"><DeadlineSettingsPage /></RequirePermission> },
          { path: 'settings/responsible', element: <RequirePermission permission="dictionaries.write"><ResponsibleSettingsPage /></RequirePermission> },
          { path: 'notices', element: <RequirePermission permission="notices.read"><NoticesPage /></RequirePermission> },
          { path: 'notices/:id', element: <RequirePermission permission="notices.read"><NoticeDetailPage /></RequirePermission> },
          { path: 'inbox', element: <RequirePermission permission="notices.respond"><InboxPage /></RequirePermission> },
          { path: 'notice-settings', element: <RequirePermission permission="notices.write"><NoticeSettingsPage /></RequirePermission> },
          { path: 'rectifications', element: <RequirePermission permission="rectification.read"><RectificationsPage /></RequirePermission> },
          { path: 'rectifications/:id', element: <RequirePermission permission="rectification.read"><RectificationDetailPage /></RequirePermission> },
          { path: 'rectification-overview', element: <RequirePermission permission="rectification.read"><RectificationOverviewPage /></RequirePermission> },
          { path: 'clearance-lists', element: <RequirePermission permission="rectification.export"><ClearanceListsPage /></RequirePermission> },
          { path: 'clearance-lists/:id', element: <RequirePermission permission="rectification.export"><ClearanceListDetailPage /></RequirePermission> },
          { path: 'accountability-cases', element: <RequirePermission permission="rectification.read"><AccountabilityCasesPage /></RequirePermission> },
          { path: 'accountability-cases/:id', element: <RequirePermission permission="rectification.read"><AccountabilityCaseDetailPage /></RequirePermission> },
          { path: 'filings', element: <RequirePermission permission="rectification.export"><FilingsPage /></RequirePermission> },
          { path: 'profile', element: <ProfilePage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

const theme = {
  token: {
    borderRadius: 6,
    // Data is Chinese whatever the UI language: prefer Simplified Chinese faces over the browser's pick for `lang`.
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif",
  },
};

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? en_US : zh_CN} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <Suspense fallback={<Spin style={{ display: 'block', marginTop: 120 }} />}>
            <RouterProvider router={router} />
          </Suspense>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
