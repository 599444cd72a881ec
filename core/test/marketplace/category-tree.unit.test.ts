import { categoryTree, type Category, type CategoryNode } from '@gavel/core';
import { expectOk } from '../../../tests/builders/harness.builder';
import { marketplaceHarness } from '../../../tests/builders/marketplace.builder';

describe('GetCategoryTree', () => {
  it('nests children under their parents, roots first, siblings in the port\'s order (sortOrder, then name)', async () => {
    const h = await marketplaceHarness();
    await h.category('home', null, 'Home', 2);
    await h.category('art', null, 'Art', 1);
    await h.category('electronics', null, 'Electronics', 1);
    await h.category('cameras', 'electronics', 'Cameras', 5);
    await h.category('phones', 'electronics', 'Phones', 0);
    await h.category('lenses', 'cameras', 'Lenses', 0);
    const tree = expectOk(await h.market.categoryTree.execute());
    const shape = (nodes: readonly CategoryNode[]): unknown => nodes.map((n) => [n.id, shape(n.children)]);
    expect(shape(tree)).toEqual([
      ['art', []],
      ['electronics', [['phones', []], ['cameras', [['lenses', []]]]]],
      ['home', []],
    ]);
    expect(tree[1]!.children[1]).toEqual({
      id: 'cameras', parentId: 'electronics', name: 'Cameras', description: null, sortOrder: 5,
      children: [{ id: 'lenses', parentId: 'cameras', name: 'Lenses', description: null, sortOrder: 0, children: [] }],
    });
  });

  it('is empty without categories', async () => {
    const h = await marketplaceHarness();
    expect(expectOk(await h.market.categoryTree.execute())).toEqual([]);
  });
});

describe('categoryTree', () => {
  const c = (id: string, parentId: string | null): Category => ({ id, parentId, name: id, description: null, sortOrder: 0 });

  it('shows a category whose parent is missing as a root, and leaves out a corrupt cycle instead of looping', () => {
    const tree = categoryTree([c('a', null), c('orphan', 'gone'), c('x', 'y'), c('y', 'x'), c('self', 'self'), c('b', 'a')]);
    expect(tree.map((n) => [n.id, n.children.map((k) => k.id)])).toEqual([['a', ['b']], ['orphan', []]]);
  });
});
