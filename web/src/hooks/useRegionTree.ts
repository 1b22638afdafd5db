import { useCallback, useEffect, useEffectEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../errors';
import { regionsApi, type RegionNode } from '../services/regions';

interface RegionTreeNode {
  key: string;
  value: string;
  title: string;
  isLeaf: boolean;
  children?: RegionTreeNode[];
}

const rootKey = '';

/**
 * The region tree as far as it has been opened: the caller's scope roots first, then the children
 * of each node when it is expanded. Shared by the regions page and every region picker.
 */
export function useRegionTree() {
  const [children, setChildren] = useState<ReadonlyMap<string, RegionNode[]>>(new Map());
  const [rootsFailed, setRootsFailed] = useState(false);
  const showError = useShowError();
  const { t } = useTranslation();

  const load = useCallback(async (parentId: string) => {
    try {
      const list = await regionsApi.children(parentId === rootKey ? undefined : parentId);
      setChildren((prev) => new Map(prev).set(parentId, list));
    } catch (error) {
      if (parentId === rootKey) setRootsFailed(true);
      showError(error);
    }
  }, [showError]);

  const loadRoots = useEffectEvent(() => void load(rootKey));
  useEffect(() => loadRoots(), []);

  const treeData = useMemo(() => {
    const build = (parentId: string): RegionTreeNode[] =>
      (children.get(parentId) ?? []).map((region) => {
        const loaded = children.get(region.id);
        return {
          key: region.id,
          value: region.id,
          title: region.active ? region.name : t('regions.inactiveName', { name: region.name }),
          isLeaf: loaded ? loaded.length === 0 : !region.hasChildren,
          children: loaded ? build(region.id) : undefined,
        };
      });
    return build(rootKey);
  }, [children, t]);

  const findNode = useCallback(
    (id: string): RegionNode | undefined => {
      for (const list of children.values()) {
        const found = list.find((r) => r.id === id);
        if (found) return found;
      }
      return undefined;
    },
    [children],
  );

  return {
    treeData,
    loading: !children.has(rootKey) && !rootsFailed,
    loadChildren: load,
    /**
     * Reloads the level below `parentId` after a region there was added or changed; a parent that is
     * not in the tree (null, or above the caller's scope roots) means the roots.
     */
    reload: (parentId: string | null) =>
      load(parentId && (children.has(parentId) || findNode(parentId)) ? parentId : rootKey),
    findNode,
  };
}
