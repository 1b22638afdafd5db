import type { ReactNode } from 'react';
import { ApartmentOutlined, AuditOutlined, BankOutlined, HomeOutlined, SafetyOutlined, TeamOutlined } from '@ant-design/icons';
import type { MenuKey } from '../access';

export const menuIcons: Record<MenuKey, ReactNode> = {
  home: <HomeOutlined />,
  regions: <ApartmentOutlined />,
  units: <BankOutlined />,
  accounts: <TeamOutlined />,
  audit: <AuditOutlined />,
  settings: <SafetyOutlined />,
};
