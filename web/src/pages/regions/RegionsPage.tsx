import { Card, Col, Empty, Row, Spin, Tabs, Tree } from 'antd';
import { useTranslation } from 'react-i18next';
import { useListParams } from '../../hooks/useListParams';
import { useRegionTree } from '../../hooks/useRegionTree';
import { RegionDetail } from './RegionDetail';
import { RegionList } from './RegionList';

export default function RegionsPage() {
  const { t } = useTranslation();
  const { get, set } = useListParams();
  const tree = useRegionTree();
  const tab = get('tab') === 'list' ? 'list' : 'tree';
  const selected = get('region');
  const open = (id: string) => set({ tab: undefined, region: id }, false);

  const browse = (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={9} xl={7}>
        <Card title={t('regions.tree')} styles={{ body: { maxHeight: '70vh', overflow: 'auto' } }}>
          {tree.loading ? (
            <Spin />
          ) : (
            <Tree
              blockNode
              treeData={tree.treeData}
              loadData={(node) => tree.loadChildren(String(node.key))}
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => keys.length > 0 && open(String(keys[0]))}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} md={15} xl={17}>
        {selected ? (
          <RegionDetail id={selected} onSelect={open} onTreeChanged={tree.reload} />
        ) : (
          <Card>
            <Empty description={t('regions.pickHint')} />
          </Card>
        )}
      </Col>
    </Row>
  );

  return (
    <Tabs
      activeKey={tab}
      onChange={(key) => set({ tab: key === 'list' ? 'list' : undefined }, false)}
      items={[
        { key: 'tree', label: t('regions.browse'), children: browse },
        { key: 'list', label: t('regions.list'), children: <RegionList onOpen={open} /> },
      ]}
    />
  );
}
