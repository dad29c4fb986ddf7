/**
 * The user of a final image whose base has no shell (distroless-style, `shell = false`): nothing
 * can run there, so a stage of the builder writes the base's own /etc/passwd and /etc/group with
 * the nonroot user added (unless the base has that uid already) and its home, and the final
 * stage copies them. The result is the image useradd would make.
 */
import type { Instruction } from '../dockerfile/instructions.js';
import { comment } from './comments.js';

const ROOT = '/opt/microb/user';
const BASE = 'base';

interface FinalUser {
  /** The final base as a stage of its own (first in the file), so the user stage can read it. */
  readonly baseStage: readonly Instruction[];
  /** The `user` stage, `FROM builder`. */
  readonly userStage: readonly Instruction[];
  /** The final stage's base (the stage above) and what it copies instead of running useradd. */
  readonly base: string;
  readonly copy: readonly Instruction[];
}

/** `image` is what the base stage is FROM (the BASE_IMAGE arg), `finalImage` its default, for the comment. */
export function finalUser(image: string, finalImage: string, uid: number): FinalUser {
  const hasUid = (file: string) => `grep -q '^[^:]*:[^:]*:${uid}:' ${ROOT}/etc/${file}`;
  return {
    baseStage: [
      ...comment(
        `base: the final image's base, ${finalImage}. It has no shell (shell = false): the user stage reads its /etc/passwd and /etc/group.`,
      ),
      { op: 'FROM', image, name: BASE },
    ],
    userStage: [
      ...comment(
        `user: the base's /etc/passwd and /etc/group with the user nonroot (uid ${uid}) added, and its home, written here because the base has no shell to run useradd. Rebuilt when the base image changes.`,
      ),
      { op: 'FROM', image: 'builder', name: 'user' },
      { op: 'COPY', from: BASE, sources: ['/etc/passwd', '/etc/group'], dest: `${ROOT}/etc/` },
      {
        op: 'RUN',
        mounts: [],
        commands: [
          `{ ${hasUid('passwd')} || echo 'nonroot:x:${uid}:${uid}:nonroot:/home/nonroot:/sbin/nologin' >> ${ROOT}/etc/passwd; }`,
          `{ ${hasUid('group')} || echo 'nonroot:x:${uid}:' >> ${ROOT}/etc/group; }`,
          `mkdir -p ${ROOT}/home/nonroot`,
          `chown ${uid}:${uid} ${ROOT}/home/nonroot`,
        ],
      },
    ],
    base: BASE,
    copy: [{ op: 'COPY', from: 'user', link: true, sources: [`${ROOT}/`], dest: '/' }],
  };
}
