import React, { useEffect, useRef, useState } from 'react';
import type { MenuOption } from './location-menu.component';
import { useTranslation } from '../common/use-translation';
import { requestMenuItems, type RequesterUser } from '../location-access/requests/switcher-request-items';
import styles from './location-menu-list.scss';

export interface LocationMenuListProps {
  id: string;
  label: string;
  options: MenuOption[];
  selected: string | null;
  /** a disabled line at the end of the menu, e.g. "Loading locations…" */
  statusText?: string | null;
  /** a user who may ask for locations: after the status line, their outcomes and the request entry (menuitem) */
  requester?: RequesterUser | null;
  /** the item that has the focus when the menu opens */
  startAt: 'selected' | 'last';
  /** the button and the menu: a pointer press outside closes the menu */
  container: React.RefObject<HTMLElement>;
  onChoose: (value: string) => void;
  onClose: (returnFocus: boolean) => void;
}

const CheckmarkGlyph: React.FC = () => (
  <svg className={styles.check} width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path d="M6 10.6 2.7 7.3 2 8l4 4 8-8-.7-.7z" fill="currentColor" />
  </svg>
);

/**
 * The open menu of LocationMenu, loaded when the menu is first wanted: `menuitemradio` items; arrows,
 * Home and End move, a letter jumps to the next item starting with it, Enter or Space chooses, Escape
 * closes and returns focus to the button, Tab closes and moves on.
 */
const LocationMenuList: React.FC<LocationMenuListProps> = ({
  id,
  label,
  options,
  selected,
  statusText,
  requester,
  startAt,
  container,
  onChoose,
  onClose,
}) => {
  const { t } = useTranslation();
  const [extraItems] = useState(() => (requester ? requestMenuItems(requester, t) : []));
  const firstExtra = options.length + (statusText ? 1 : 0);
  const count = firstExtra + extraItems.length;
  const [active, setActive] = useState(() => {
    const selectedIndex = options.findIndex((o) => o.value === selected);
    return startAt === 'last' ? Math.max(count - 1, 0) : Math.max(selectedIndex, 0);
  });
  const itemRefs = useRef<Array<HTMLLIElement | null>>([]);

  // Focus follows the active item.
  useEffect(() => {
    itemRefs.current[Math.min(active, count - 1)]?.focus();
  }, [active, count]);

  // A pointer press outside closes the menu.
  useEffect(() => {
    const onPointerDown = (event: MouseEvent | TouchEvent) => {
      if (!container.current?.contains(event.target as Node)) {
        onClose(false);
      }
    };
    document.addEventListener('mousedown', onPointerDown);
    document.addEventListener('touchstart', onPointerDown);
    return () => {
      document.removeEventListener('mousedown', onPointerDown);
      document.removeEventListener('touchstart', onPointerDown);
    };
  }, [container, onClose]);

  const choose = (index: number) => {
    const extra = extraItems[index - firstExtra];
    if (extra?.onChoose) {
      onClose(true);
      extra.onChoose();
      return;
    }
    const option = options[index];
    if (!option) {
      return; // the status line, or a line to read
    }
    onClose(true);
    onChoose(option.value);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLUListElement>) => {
    const move = (index: number) => {
      event.preventDefault();
      setActive((index + count) % count);
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(active + 1);
      case 'ArrowUp':
        return move(active - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(count - 1);
      case 'Escape':
        event.preventDefault();
        return onClose(true);
      case 'Tab':
        return onClose(false);
      case 'Enter':
      case ' ':
        event.preventDefault();
        return choose(active);
      default:
        if (event.key.length === 1 && /\S/.test(event.key)) {
          const letter = event.key.toLocaleLowerCase();
          for (let step = 1; step <= options.length; step++) {
            const index = (active + step) % options.length;
            if (options[index].label.toLocaleLowerCase().startsWith(letter)) {
              return move(index);
            }
          }
        }
    }
  };

  return (
    <ul id={id} role="menu" aria-label={label} className={styles.menu} onKeyDown={onKeyDown}>
      {options.map((option, index) => {
        const checked = option.value === selected;
        return (
          <li
            key={option.value}
            ref={(el) => {
              itemRefs.current[index] = el;
            }}
            role="menuitemradio"
            aria-checked={checked}
            tabIndex={-1}
            className={checked ? `${styles.item} ${styles.checked}` : styles.item}
            onClick={() => choose(index)}
            onMouseMove={() => index !== active && setActive(index)}
          >
            {checked ? <CheckmarkGlyph /> : <span className={styles.check} />}
            <span className={styles.itemText}>{option.label}</span>
          </li>
        );
      })}
      {statusText && (
        <li
          ref={(el) => {
            itemRefs.current[options.length] = el;
          }}
          role="menuitem"
          aria-disabled="true"
          tabIndex={-1}
          className={`${styles.item} ${styles.status}`}
        >
          <span className={styles.check} />
          <span className={styles.itemText}>{statusText}</span>
        </li>
      )}
      {extraItems.map((item, i) => (
        <li
          key={item.key}
          ref={(el) => {
            itemRefs.current[firstExtra + i] = el;
          }}
          role="menuitem"
          aria-disabled={item.onChoose ? undefined : 'true'}
          tabIndex={-1}
          className={item.onChoose ? styles.item : `${styles.item} ${styles.status}`}
          onClick={() => choose(firstExtra + i)}
          onMouseMove={() => firstExtra + i !== active && setActive(firstExtra + i)}
        >
          <span className={styles.check} />
          <span className={styles.itemText}>{item.label}</span>
        </li>
      ))}
    </ul>
  );
};

export default LocationMenuList;
