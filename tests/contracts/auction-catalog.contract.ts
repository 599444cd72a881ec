import type { AuctionFilter, AuctionId, AuctionSortKey, AuctionState, UserId } from '@gavel/core';
import { randomUUID } from 'node:crypto';
import { HOUR, T0 } from '../builders/terms.builder';
import { describeBiddenByContract } from './auction-catalog-bids.contract';
import { newUser, seedUsers } from './persistence-subject';
import { inOrder, type ReadSideFactory, type ReadSideSubject, storeState } from './read-side-subject';

const ids = (items: readonly AuctionState[]): AuctionId[] => items.map((a) => a.id);
const sorted = (items: readonly AuctionState[]): AuctionId[] => ids(items).sort();

/**
 * `AuctionCatalog` (listings, `GET /auctions`, `GET /bids/mine`): every filter alone and
 * combined, who sees unpublished auctions, every sort with ties broken by id ascending, pages
 * that never overlap, `getMany`, and `biddenBy` (in its own suite).
 */
export const describeAuctionCatalogContract = (name: string, factory: ReadSideFactory): void => {
  describe(`AuctionCatalog contract (search, getMany): ${name}`, () => {
    let s: ReadSideSubject;
    const s1 = newUser();
    const s2 = newUser();
    // Listing price (current ?? starting) in the comment; ties on purpose in every sort key.
    let a: AuctionState; // s1 LIVE cameras 5000, ends 3h, created +1, 4 bids
    let b: AuctionState; // s1 LIVE lenses 2000 (no bid), ends 1h, created +2
    let c: AuctionState; // s2 reverse LIVE, no category, 150000, ends 2h, created +3, 3 bids
    let d: AuctionState; // s2 ENDED cameras 8000, ends 1h, created +1, 4 bids
    let e: AuctionState; // s1 SCHEDULED cameras 5000 (no bid), ends 5h, created +4
    let f: AuctionState; // s1 DRAFT (never published) cameras 500, ends 4h, created +5
    let g: AuctionState; // s2 DRAFT (never published) lenses 700, ends 4h, created +6
    let h: AuctionState; // s2 CANCELLED after publishing, lenses 2000, ends 6h, created +7
    let all: AuctionState[];

    beforeAll(async () => {
      s = await factory();
      await seedUsers(s.uow, [s1, s2]);
      const live = { status: 'LIVE' as const, publishedAt: T0 };
      a = await storeState(s.uow, s1.id, { ...live, categoryId: 'cameras', title: 'Leica M6 Camera', description: 'Rangefinder body', startingPrice: 1_000, currentPrice: 5_000, bidCount: 4, leaderId: s2.id, endTime: T0 + 3 * HOUR, createdAt: T0 + 1 });
      b = await storeState(s.uow, s1.id, { ...live, categoryId: 'lenses', title: 'Summicron 50mm', description: 'A sharp LENS, AEx1 mount', startingPrice: 2_000, endTime: T0 + HOUR, createdAt: T0 + 2 });
      c = await storeState(s.uow, s2.id, { ...live, type: 'reverse', title: 'Fix my roof', description: 'Tiles 100% replaced', startingPrice: 200_000, budgetMax: 200_000, currentPrice: 150_000, bidCount: 3, endTime: T0 + 2 * HOUR, createdAt: T0 + 3 });
      d = await storeState(s.uow, s2.id, { ...live, status: 'ENDED', categoryId: 'cameras', title: 'Nikon F3', description: 'Body only, CAMERA strap', startingPrice: 3_000, currentPrice: 8_000, bidCount: 4, endTime: T0 + HOUR, endedAt: T0 + HOUR, createdAt: T0 + 1 });
      e = await storeState(s.uow, s1.id, { status: 'SCHEDULED', publishedAt: T0, startTime: T0 + HOUR, categoryId: 'cameras', title: 'Canon AE_1 program', description: '50% off', startingPrice: 5_000, endTime: T0 + 5 * HOUR, createdAt: T0 + 4 });
      f = await storeState(s.uow, s1.id, { categoryId: 'cameras', title: 'Secret camera', description: 'stored in C:\\temp', startingPrice: 500, endTime: T0 + 4 * HOUR, createdAt: T0 + 5 });
      g = await storeState(s.uow, s2.id, { categoryId: 'lenses', title: 'Other draft', description: 'nothing yet', startingPrice: 700, endTime: T0 + 4 * HOUR, createdAt: T0 + 6 });
      h = await storeState(s.uow, s2.id, { status: 'CANCELLED', publishedAt: T0, endedAt: T0 + 5, categoryId: 'lenses', title: 'Zoom lens', description: 'Wow! like new', startingPrice: 2_000, endTime: T0 + 6 * HOUR, createdAt: T0 + 7 });
      all = [a, b, c, d, e, f, g, h];
    });
    afterAll(() => s.close());

    const find = async (filter: Partial<AuctionFilter>, sort: AuctionSortKey = 'ending_soon', offset = 0, limit = 100) =>
      s.catalog.search({ unpublishedOf: null, ...filter }, sort, { offset, limit });
    /** The ids found (as a sorted set) and the total, which must agree with them. */
    const found = async (filter: Partial<AuctionFilter>) => {
      const page = await find(filter);
      expect(page.total).toBe(page.items.length);
      return sorted(page.items);
    };

    it('reads back listed auctions equal to what was stored', async () => {
      const page = await find({ sellerId: s1.id, status: 'LIVE' }, 'newest');
      expect(page.items).toEqual([b, a]);
    });

    it('lists published auctions only, plus the unpublished of the user named, or all for admins', async () => {
      const published = sorted([a, b, c, d, e, h]);
      expect(await found({ unpublishedOf: null })).toEqual(published);
      expect(await found({ unpublishedOf: randomUUID() as UserId })).toEqual(published);
      expect(await found({ unpublishedOf: s1.id })).toEqual(sorted([a, b, c, d, e, f, h]));
      expect(await found({ unpublishedOf: s2.id })).toEqual(sorted([a, b, c, d, e, g, h]));
      expect(await found({ unpublishedOf: 'all' })).toEqual(sorted(all));
    });

    it('filters by status', async () => {
      expect(await found({ status: 'LIVE' })).toEqual(sorted([a, b, c]));
      expect(await found({ status: 'ENDED' })).toEqual(sorted([d]));
      expect(await found({ status: 'SCHEDULED' })).toEqual(sorted([e]));
      expect(await found({ status: 'CANCELLED' })).toEqual(sorted([h]));
      expect(await found({ status: 'DRAFT' })).toEqual([]);
      expect(await found({ status: 'DRAFT', unpublishedOf: 'all' })).toEqual(sorted([f, g]));
    });

    it('filters by type', async () => {
      expect(await found({ type: 'reverse' })).toEqual(sorted([c]));
      expect(await found({ type: 'forward' })).toEqual(sorted([a, b, d, e, h]));
    });

    it('filters by any of several categories; none listed or unknown ones match nothing', async () => {
      expect(await found({ categoryIds: ['cameras'] })).toEqual(sorted([a, d, e]));
      expect(await found({ categoryIds: ['cameras', 'lenses'] })).toEqual(sorted([a, b, d, e, h]));
      expect(await found({ categoryIds: ['lenses'], unpublishedOf: 'all' })).toEqual(sorted([b, g, h]));
      expect(await found({ categoryIds: ['unknown'] })).toEqual([]);
      expect(await found({ categoryIds: [] })).toEqual([]);
    });

    it('filters by seller', async () => {
      expect(await found({ sellerId: s1.id })).toEqual(sorted([a, b, e]));
      expect(await found({ sellerId: s1.id, unpublishedOf: s1.id })).toEqual(sorted([a, b, e, f]));
      expect(await found({ sellerId: randomUUID() as UserId })).toEqual([]);
    });

    it('finds text in the title or the description without case', async () => {
      expect(await found({ text: 'camera' })).toEqual(sorted([a, d]));
      expect(await found({ text: 'cAmErA', unpublishedOf: 'all' })).toEqual(sorted([a, d, f]));
      expect(await found({ text: 'lens' })).toEqual(sorted([b, h]));
      expect(await found({ text: 'RANGEFINDER BODY' })).toEqual(sorted([a]));
      expect(await found({ text: 'no such words' })).toEqual([]);
    });

    it('takes %, _, ! and backslashes in the text literally', async () => {
      expect(await found({ text: '50%' })).toEqual(sorted([e])); // a wildcard would also match "50mm"
      expect(await found({ text: '%' })).toEqual(sorted([c, e]));
      expect(await found({ text: 'ae_1' })).toEqual(sorted([e])); // a wildcard would also match "AEx1"
      expect(await found({ text: '_' })).toEqual(sorted([e]));
      expect(await found({ text: 'wow!' })).toEqual(sorted([h]));
      expect(await found({ text: '!' })).toEqual(sorted([h]));
      expect(await found({ text: 'c:\\TEMP', unpublishedOf: 'all' })).toEqual(sorted([f]));
      expect(await found({ text: '\\', unpublishedOf: 'all' })).toEqual(sorted([f]));
    });

    it('filters on the listing price (current, or starting before any bid), bounds included', async () => {
      expect(await found({ minPrice: 5_000 })).toEqual(sorted([a, c, d, e]));
      expect(await found({ maxPrice: 2_000 })).toEqual(sorted([b, h]));
      expect(await found({ minPrice: 2_000, maxPrice: 5_000 })).toEqual(sorted([a, b, e, h]));
      expect(await found({ maxPrice: 1_000 })).toEqual([]); // a started at 1000 but is at 5000
      expect(await found({ maxPrice: 700, unpublishedOf: 'all' })).toEqual(sorted([f, g]));
      expect(await found({ minPrice: 150_001 })).toEqual([]);
    });

    it('combines every filter with AND', async () => {
      const base: Partial<AuctionFilter> = { status: 'LIVE', type: 'forward', categoryIds: ['cameras', 'lenses'], sellerId: s1.id, minPrice: 1_000, maxPrice: 6_000 };
      expect(await found(base)).toEqual(sorted([a, b]));
      expect(await found({ ...base, text: 'leica' })).toEqual(sorted([a]));
      expect(await found({ ...base, text: 'leica', maxPrice: 4_999 })).toEqual([]);
      expect(await found({ ...base, sellerId: s2.id })).toEqual([]);
      expect(await found({ categoryIds: ['cameras'], unpublishedOf: s1.id, maxPrice: 5_000 })).toEqual(sorted([a, e, f]));
      expect(await found({ status: 'LIVE', maxPrice: 10_000 })).toEqual(sorted([a, b]));
    });

    const expectedOrder = (): Record<AuctionSortKey, AuctionId[]> => ({
      ending_soon: inOrder([b, d], [c], [a], [f, g], [e], [h]),
      newest: inOrder([h], [g], [f], [e], [c], [b], [a, d]),
      price_asc: inOrder([f], [g], [b, h], [a, e], [d], [c]),
      price_desc: inOrder([c], [d], [a, e], [b, h], [g], [f]),
      most_bids: inOrder([a, d], [c], [b, e, f, g, h]),
    });

    it.each<AuctionSortKey>(['ending_soon', 'newest', 'price_asc', 'price_desc', 'most_bids'])(
      'sorts by %s with ties by id, in pages that never overlap, each with the full total',
      async (sort) => {
        const expected = expectedOrder()[sort];
        const whole = await find({ unpublishedOf: 'all' }, sort);
        expect(ids(whole.items)).toEqual(expected);
        const pages = await Promise.all([0, 3, 6].map((offset) => find({ unpublishedOf: 'all' }, sort, offset, 3)));
        expect(pages.map((p) => p.total)).toEqual([8, 8, 8]);
        expect(pages.map((p) => p.items.length)).toEqual([3, 3, 2]);
        expect(pages.flatMap((p) => ids(p.items))).toEqual(expected);
        const beyond = await find({ unpublishedOf: 'all' }, sort, 8, 3);
        expect(beyond).toEqual({ items: [], total: 8 });
      },
    );

    it('pages a filtered listing with the filtered total', async () => {
      const first = await find({ status: 'LIVE' }, 'price_desc', 0, 2);
      const second = await find({ status: 'LIVE' }, 'price_desc', 2, 2);
      expect(first.total).toBe(3);
      expect(second.total).toBe(3);
      expect([...ids(first.items), ...ids(second.items)]).toEqual([c.id, a.id, b.id]);
    });

    it('byEndTime: one status in (endTime, id) order, keyset pages strictly after the key, ties on endTime by id', async () => {
      // Three more LIVE auctions sharing b's end: the tie is broken by id on every page boundary.
      const tied = [b];
      for (let i = 0; i < 3; i++) tied.push(await storeState(s.uow, s2.id, { status: 'LIVE', publishedAt: T0, endTime: b.endTime, createdAt: T0 + 10 + i }));
      const live = [...tied.sort((x, y) => (x.id < y.id ? -1 : 1)), c, a];
      const pages: AuctionId[][] = [];
      let after: { endTime: number; id: AuctionId } | null = null;
      for (;;) {
        const page: AuctionState[] = await s.catalog.byEndTime('LIVE', after, 2);
        if (page.length === 0) break;
        pages.push(ids(page));
        after = { endTime: page.at(-1)!.endTime, id: page.at(-1)!.id };
      }
      expect(pages.flat()).toEqual(ids(live));
      expect(pages.map((p) => p.length)).toEqual([2, 2, 2]);
      expect(await s.catalog.byEndTime('SCHEDULED', null, 10)).toEqual([e]);
      expect(await s.catalog.byEndTime('SCHEDULED', { endTime: e.endTime, id: e.id }, 10)).toEqual([]);
      expect(ids(await s.catalog.byEndTime('LIVE', { endTime: b.endTime, id: live[3]!.id }, 10))).toEqual(ids([c, a]));
      for (const t of tied.filter((x) => x !== b)) await s.uow.run((tx) => tx.auctions.save({ state: { ...t, status: 'CANCELLED', version: 2 }, newBids: [], events: [], expectedVersion: 1 }));
    });

    it('gets the auctions among the ids that exist, unpublished ones included', async () => {
      const got = await s.catalog.getMany([a.id, randomUUID() as AuctionId, f.id, a.id, 'not-a-uuid' as AuctionId]);
      expect(sorted(got)).toEqual(sorted([a, f]));
      expect(got.find((x) => x.id === f.id)).toEqual(f);
      expect(await s.catalog.getMany([])).toEqual([]);
    });
  });

  describeBiddenByContract(name, factory);
};
