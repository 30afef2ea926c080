import React, { useCallback, useEffect, useId, useRef, useState } from 'react';
import { ChevronDownIcon, LocationIcon } from '@openmrs/esm-framework';
import type { LocationMenuListProps } from './location-menu-list.component';
import type { RequesterUser } from '../location-access/requests/switcher-request-items';
import styles from './session-location-switcher.scss';

export interface MenuOption {
  value: string;
  label: string;
}

interface LocationMenuProps {
  /** visible text of the button: the current selection */
  buttonText: string;
  /** accessible name of the button; contains buttonText */
  buttonLabel: string;
  menuLabel: string;
  options: MenuOption[];
  selected: string | null;
  /** a disabled line at the end of the menu, e.g. "Loading locations…" */
  statusText?: string | null;
  busy?: boolean;
  onSelect: (value: string) => void;
  /** the menu is about to be needed (pointer over or focus on the button, or opened) */
  onWanted?: () => void;
  /** a user who may ask for locations: the open menu adds the request entry and their outcomes */
  requester?: RequesterUser | null;
}

type MenuList = React.FC<LocationMenuListProps>;
let loadedList: MenuList | null = null;
const loadList = () =>
  import('./location-menu-list.component').then((module) => {
    loadedList = module.default;
    return loadedList;
  });

/**
 * A menu button following the WAI-ARIA menu button pattern: Enter, Space or ArrowDown open the menu on
 * the selected item, ArrowUp on the last. The open menu (location-menu-list) loads when the menu is
 * first wanted, as its names do: every O3 page shows the button, few open it. Plain DOM, so no widget
 * library in the chunk.
 */
const LocationMenu: React.FC<LocationMenuProps> = ({
  buttonText,
  buttonLabel,
  menuLabel,
  options,
  selected,
  statusText,
  busy = false,
  onSelect,
  onWanted,
  requester,
}) => {
  const [open, setOpen] = useState<'selected' | 'last' | null>(null);
  const [List, setList] = useState<MenuList | null>(() => loadedList);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const want = useCallback(() => {
    onWanted?.();
    if (!loadedList) {
      loadList()
        .then((list) => mounted.current && setList(() => list))
        .catch((error) => console.warn('The location menu could not be loaded', error));
    }
  }, [onWanted]);

  const openAt = (where: 'selected' | 'last') => {
    want();
    setOpen(where);
  };

  const close = useCallback((returnFocus: boolean) => {
    setOpen(null);
    if (returnFocus) {
      buttonRef.current?.focus();
    }
  }, []);

  const onButtonKeyDown = (event: React.KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      openAt(event.key === 'ArrowDown' ? 'selected' : 'last');
    }
  };

  return (
    <div className={styles.switcher} ref={containerRef}>
      <button
        ref={buttonRef}
        type="button"
        className={styles.button}
        aria-label={buttonLabel}
        aria-haspopup="menu"
        aria-expanded={!!open}
        aria-controls={open ? menuId : undefined}
        aria-disabled={busy || undefined}
        aria-busy={busy || undefined}
        onClick={() => (busy ? undefined : open ? close(false) : openAt('selected'))}
        onKeyDown={busy ? undefined : onButtonKeyDown}
        onPointerEnter={want}
        onFocus={want}
      >
        <LocationIcon size={16} />
        <span className={styles.text}>{buttonText}</span>
        <ChevronDownIcon size={16} className={open ? styles.chevronOpen : styles.chevron} />
      </button>
      {open && List && (
        <List
          id={menuId}
          label={menuLabel}
          options={options}
          selected={selected}
          statusText={statusText}
          requester={requester}
          startAt={open}
          container={containerRef}
          onChoose={onSelect}
          onClose={close}
        />
      )}
    </div>
  );
};

export default LocationMenu;
