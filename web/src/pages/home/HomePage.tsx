import { Card, Col, Row, Space, Typography } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ScopeText } from '../../components/ScopeText';
import { useEnums } from '../../enums';
import { useAccess, useMe } from '../../session';
import { menuIcons } from '../../components/menuIcons';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const enums = useEnums();
  const { menus } = useAccess();
  const links = [
    ...menus.flatMap((m) => (m.key === 'home' ? [] : [{ path: m.path, icon: menuIcons[m.key], label: t(`menu.${m.key}`) }])),
    { path: '/profile', icon: <UserOutlined />, label: t('menu.profile') },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('home.welcome', { name: me.displayName })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {enums.role(me.role)} · <ScopeText scope={me.scope} />
        </Typography.Text>
      </Card>
      <Card title={t('home.quickLinks')}>
        <Row gutter={[12, 12]}>
          {links.map((link) => (
            <Col key={link.path} xs={12} sm={8} md={6} xl={4}>
              <Link to={link.path}>
                <Card hoverable size="small" style={{ textAlign: 'center' }}>
                  <div style={{ fontSize: 24, marginBottom: 4 }}>{link.icon}</div>
                  {link.label}
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </Card>
    </Space>
  );
}
