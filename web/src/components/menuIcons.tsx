import type { ReactNode } from 'react';
import {
  BulbOutlined, AlertOutlined, SafetyCertificateOutlined, FieldTimeOutlined, CarryOutOutlined, ContainerOutlined, DashboardOutlined, FileDoneOutlined, FileTextOutlined, InboxOutlined, SettingOutlined, CheckSquareOutlined, EnvironmentOutlined, ScheduleOutlined, WarningOutlined,
  ApartmentOutlined, AuditOutlined, BarChartOutlined, PartitionOutlined, BankOutlined, ClusterOutlined, ExperimentOutlined, FlagOutlined, HomeOutlined, IdcardOutlined, PayCircleOutlined, SafetyOutlined, SolutionOutlined, TeamOutlined,
} from '@ant-design/icons';
import type { MenuKey } from '../access';

export const menuIcons: Record<MenuKey, ReactNode> = {
  home: <HomeOutlined />,
  regions: <ApartmentOutlined />,
  units: <BankOutlined />,
  accounts: <TeamOutlined />,
  audit: <AuditOutlined />,
  settings: <SafetyOutlined />,
  committee: <ClusterOutlined />,
  inspectors: <IdcardOutlined />,
  responsible: <FlagOutlined />,
  experts: <SolutionOutlined />,
  reviews: <ExperimentOutlined />,
  fees: <PayCircleOutlined />,
  myTargets: <EnvironmentOutlined />,
  tasks: <ScheduleOutlined />,
  problems: <WarningOutlined />,
  recommendations: <BulbOutlined />,
  checklists: <CheckSquareOutlined />,
  frameworks: <PartitionOutlined />,
  balance: <BarChartOutlined />,
  myWork: <CarryOutOutlined />,
  notices: <FileTextOutlined />,
  inbox: <InboxOutlined />,
  rectifications: <ContainerOutlined />,
  rectificationOverview: <DashboardOutlined />,
  clearanceLists: <AlertOutlined />,
  accountabilityCases: <SafetyCertificateOutlined />,
  filings: <FileDoneOutlined />,
  noticeSettings: <SettingOutlined />,
  deadlineSettings: <FieldTimeOutlined />,
  responsibleSettings: <FlagOutlined />,
};
