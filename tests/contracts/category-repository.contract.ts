import type { Category } from '@gavel/core';
import type { ReadSideFactory, ReadSideSubject } from './read-side-subject';

const category = (id: string, name: string, sortOrder: number, parentId: string | null = null, description: string | null = null): Category =>
  ({ id, parentId, name, description, sortOrder });

/** `CategoryRepository`: the flat tree, ordered by sortOrder then name (without case); save replaces. */
export const describeCategoryRepositoryContract = (name: string, factory: ReadSideFactory): void => {
  describe(`CategoryRepository contract: ${name}`, () => {
    let s: ReadSideSubject;
    beforeAll(async () => {
      s = await factory();
    });
    afterAll(() => s.close());

    const electronics = category('electronics', 'Electronics', 1, null, 'Anything with a plug');
    const cameras = category('cameras', 'Cameras', 1, 'electronics');
    const art = category('art', 'Art', 0);
    const audio = category('audio', 'audio', 0, 'electronics', 'Lower-case name on purpose');
    const books = category('books', 'Books', 0);

    it('starts empty', async () => {
      expect(await s.categories.all()).toEqual([]);
    });

    it('lists every category by sortOrder, then name without case', async () => {
      for (const c of [electronics, books, cameras, audio, art]) await s.categories.save(c);
      expect(await s.categories.all()).toEqual([art, audio, books, cameras, electronics]);
    });

    it('replaces a category saved again under the same id', async () => {
      const moved = { ...cameras, parentId: null, name: 'Photography', description: 'Cameras and lenses', sortOrder: -1 };
      await s.categories.save(moved);
      expect(await s.categories.all()).toEqual([moved, art, audio, books, electronics]);
    });

    it('refuses a parent that does not exist', async () => {
      // Not `rejects.toThrow()`: a driver error created in another jest module realm (better-sqlite3's
      // native addon keeps the first file's error class) is not recognised as an Error there.
      const outcome = await s.categories.save(category('orphan', 'Orphan', 0, 'no-such-parent')).then(() => 'saved', () => 'refused');
      expect(outcome).toBe('refused');
      expect((await s.categories.all()).map((c) => c.id)).not.toContain('orphan');
    });
  });
};
