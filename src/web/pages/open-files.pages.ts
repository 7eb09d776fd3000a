/**
 * The files open data links to beyond the protocol: the kallelse of a meeting not yet held and the
 * bilagor of public §§ of adjusted minutes. Public, with ETag and Last-Modified; anything else is 404.
 */
import type { FastifyPluginAsync } from 'fastify';
import { NotFoundError } from '../../errors.ts';
import { publicAttachmentFile, publicInvitationFile } from '../../services/open-data/public-files.ts';
import type { DatabaseHandle } from '../../services/system.service.ts';
import { sendPublicFile } from '../conditional.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const openFileRoutes: FastifyPluginAsync<{ database: DatabaseHandle }> = async (app, { database }) => {
  app.get('/kommande/:meetingId/kallelse.pdf', async (request, reply) => {
    const { meetingId } = request.params as { meetingId: string };
    const file = UUID.test(meetingId) ? await publicInvitationFile(database, meetingId) : null;
    if (!file) throw new NotFoundError('invitation_not_found', `no public kallelse for meeting ${meetingId}`);
    return sendPublicFile(request, reply, file);
  });

  app.get('/arkiv/bilagor/:attachmentId', async (request, reply) => {
    const { attachmentId } = request.params as { attachmentId: string };
    const file = UUID.test(attachmentId) ? await publicAttachmentFile(database, attachmentId) : null;
    if (!file) throw new NotFoundError('attachment_not_found', `no public bilaga ${attachmentId}`);
    return sendPublicFile(request, reply, file);
  });
};
