import { Suspense, useState } from 'react';
import { App, Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Spin, Tag, Typography, theme, type MenuProps } from 'antd';
import { LogoutOutlined, MenuOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useEnums } from '../enums';
import { useSignOut } from '../hooks/useSignOut';
import { useAccess, useMe } from '../session';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';
import { menuIcons } from './menuIcons';
import { FieldBanner } from '../offline/FieldBanner';
import { waitingCount } from '../offline/field';
import type { MenuGroup } from '../access';

/** The side menu's order: the home page, then the daily work, notices and rectification, the people, the base data, the system. */
const menuGroups: (MenuGroup | undefined)[] = [undefined, 'work', 'rectification', 'people', 'basics', 'system'];

function Brand({ collapsed = false }: { collapsed?: boolean }) {
  const { t } = useTranslation();
  return (
    <div style={{ height: 56, display: 'flex', alignItems: 'center', gap: 8, padding: '0 20px', overflow: 'hidden' }}>
      <SafetyOutlined style={{ fontSize: 22, color: '#1677ff' }} />
      {!collapsed && (
        <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap' }}>
          {t('app.name')}
        </Typography.Text>
      )}
    </div>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const { menus } = useAccess();
  const enums = useEnums();
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const { token } = theme.useToken();

  const signOut = useSignOut();
  const { modal } = App.useApp();
  // Field work not yet on the server is deleted with the sign-out: the user is told and decides.
  const signOutSafely = async () => {
    const waiting = await waitingCount();
    if (waiting === 0) return signOut.mutate();
    modal.confirm({ title: t('offline.signOutWarning', { count: waiting }), okText: t('offline.signOutAnyway'), okButtonProps: { danger: true }, onOk: () => signOut.mutate() });
  };

  const selected = menus
    .filter((m) => (m.path === '/' ? location.pathname === '/' : location.pathname.startsWith(m.path)))
    .map((m) => m.key);
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={selected}
      style={{ borderInlineEnd: 'none' }}
      items={menuGroups.flatMap((group): NonNullable<MenuProps['items']> => {
        const entries = menus.filter((m) => m.group === group);
        const items = entries.map((m) => ({ key: m.key, icon: menuIcons[m.key], label: t(`menu.${m.key}`) }));
        if (!group) return items;
        return items.length ? [{ type: 'group' as const, key: group, label: t(`menuGroup.${group}`), children: items }] : [];
      })}
      onClick={({ key }) => {
        const entry = menus.find((m) => m.key === key);
        if (entry) void navigate(entry.path);
        setDrawerOpen(false);
      }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {isPhone ? (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={240}
          title={t('app.name')}
          styles={{ body: { padding: 0 } }}
        >
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider
          theme="light"
          width={208}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          style={{
            borderInlineEnd: `1px solid ${token.colorBorderSecondary}`,
            position: 'sticky',
            top: 0,
            height: '100vh',
            overflow: 'auto',
          }}
        >
          {/* The collapse trigger sits over the sider's foot: room for it below the last item. */}
          <div style={{ paddingBottom: 48 }}>
            <Brand collapsed={collapsed} />
            {menu}
          </div>
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: isPhone ? '0 8px' : '0 24px',
            height: 56,
            lineHeight: '56px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          {isPhone ? (
            <Space>
              <Button type="text" icon={<MenuOutlined />} aria-label={t('layout.openMenu')} onClick={() => setDrawerOpen(true)} />
              <Typography.Text strong>{t('app.name')}</Typography.Text>
            </Space>
          ) : (
            <span />
          )}
          <Space size={isPhone ? 0 : 'middle'}>
            <LanguageSwitch />
            <NotificationBell />
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'profile', icon: <UserOutlined />, label: t('menu.profile') },
                  { type: 'divider' },
                  { key: 'signOut', icon: <LogoutOutlined />, label: t('menu.signOut'), danger: true },
                ],
                onClick: ({ key }) => (key === 'profile' ? void navigate('/profile') : void signOutSafely()),
              }}
            >
              <Space style={{ cursor: 'pointer' }}>
                <Avatar size="small" icon={<UserOutlined />} style={{ background: token.colorPrimary }} />
                {!isPhone && <span>{me.displayName}</span>}
                {!isPhone && <Tag color="blue">{enums.role(me.role)}</Tag>}
              </Space>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: isPhone ? 12 : 24, minWidth: 0 }}>
          {me.permissions.includes('visits.record') && <FieldBanner />}
          <Suspense fallback={<Spin style={{ display: 'block', margin: '80px auto' }} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', color: token.colorTextTertiary, padding: '12px 24px' }}>
          {t('app.footer')}
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
