import { CategoryNode, CategoryView, SaveCategoryRequest } from '@gavel/contracts';
import * as t from 'io-ts';
import type { HttpDeps } from '../http-deps';
import { type AnyRoute, route } from '../route';

export const categoryRoutes = ({ marketplace, admin }: HttpDeps): AnyRoute[] => [
  route({
    operationId: 'getCategories', method: 'get', path: '/categories', tag: 'categories', auth: 'none',
    summary: 'The category tree, roots first', response: t.readonlyArray(CategoryNode), status: 200, errors: [],
    handle: () => marketplace.categoryTree.execute(),
  }),
  route({
    operationId: 'saveCategory', method: 'post', path: '/categories', tag: 'admin', auth: 'admin',
    summary: 'Add or replace a category (admins only)',
    body: SaveCategoryRequest, response: CategoryView, status: 201, errors: [],
    handle: ({ actor, body }) => admin.saveCategory.execute({
      actor: actor!,
      category: { id: body.id, name: body.name, parentId: body.parentId ?? null, description: body.description ?? null, sortOrder: body.sortOrder ?? 0 },
    }),
  }),
];
