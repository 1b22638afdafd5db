import { Card, Col, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { interviewGroups, type Figures } from '../../services/supervision';

/** The figures of a task or a period; each one links to the rows behind it. */
export function FiguresCard({ figures, links }: { figures: Figures; links: { targets?: (kind: 'unit' | 'region', visited?: boolean) => string; schools?: string; visits: string; problems: (area?: string) => string; recommendations: string } }) {
  const { t, i18n } = useTranslation();
  const stat = (title: string, value: number | string, to?: string) => (
    <Col xs={12} sm={8} md={6}>
      <Statistic title={title} valueRender={() => (to ? <Link to={to}>{value}</Link> : value)} />
    </Col>
  );
  const f = figures;
  return (
    <Card size="small" title={t('sv.figures')} data-testid="figures">
      <Row gutter={[16, 16]}>
        {stat(t('sv.fig.schools'), f.targets.schoolsVisited, links.schools)}
        {stat(t('sv.fig.units'), `${f.targets.unitsVisited} / ${f.targets.unitsPlanned}`, links.targets?.('unit', true))}
        {stat(t('sv.fig.townships'), `${f.targets.townshipsVisited} / ${f.targets.townshipsPlanned}`, links.targets?.('region', true))}
        {stat(t('sv.fig.visits'), f.visits, links.visits)}
        {stat(t('sv.fig.meetings'), f.meetings, links.visits)}
        {stat(t('sv.fig.interviewed'), f.interviewed.total, links.visits)}
        {stat(t('sv.fig.problems'), f.problems, links.problems())}
        {stat(t('sv.fig.recommendations'), f.recommendations, links.recommendations)}
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 4 }}>
        {interviewGroups.map((g) => `${t(`sv.group.${g}`)} ${f.interviewed[g]}`).join(' · ')}
      </Typography.Paragraph>
      <Row gutter={[8, 8]}>
        {f.problemsByArea.map((a) => (
          <Col key={a.area} xs={24} sm={12} md={8}>
            <Link to={links.problems(a.area)} data-testid={`area-${a.area}`}>{i18n.language === 'en' ? a.nameEn : a.nameZh}：{a.count}</Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
