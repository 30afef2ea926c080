import React from 'react';
import { useTranslation } from './use-translation';
import { editRefusalText } from './edit-refusal-text';
import type { EditRefusal } from './edit-privileges';
import styles from './edit-refusal-note.scss';

/** Under an account's name: why the signed-in administrator may not change it. */
const EditRefusalNote: React.FC<{ refusal: EditRefusal }> = ({ refusal }) => {
  const { t } = useTranslation();
  return <span className={styles.refusal}>{editRefusalText(t, refusal)}</span>;
};

export default EditRefusalNote;
