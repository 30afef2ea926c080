import React, { useCallback, useEffect, useId, useRef, useState } from 'react';
import { ChevronDownIcon, LocationIcon } from '@openmrs/esm-framework';
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
}

const CheckmarkGlyph: React.FC = () => (
  <svg className={styles.check} width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path d="M6 10.6 2.7 7.3 2 8l4 4 8-8-.7-.7z" fill="currentColor" />
  </svg>
);

/**
 * A menu button following the WAI-ARIA menu button pattern, with `menuitemradio` items:
 * Enter, Space or ArrowDown open it on the selected item (ArrowUp on the last), arrows, Home and End
 * move, a letter jumps to the next item starting with it, Enter or Space chooses, Escape closes and
 * returns focus to the button, Tab closes and moves on. Plain DOM, so no widget library in the chunk.
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
}) => {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const itemRefs = useRef<Array<HTMLLIElement | null>>([]);
  const count = options.length + (statusText ? 1 : 0);

  const openAt = useCallback(
    (where: 'selected' | 'first' | 'last') => {
      onWanted?.();
      const selectedIndex = options.findIndex((o) => o.value === selected);
      setActive(
        where === 'last' ? Math.max(count - 1, 0) : where === 'selected' && selectedIndex >= 0 ? selectedIndex : 0,
      );
      setOpen(true);
    },
    [count, onWanted, options, selected],
  );

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) {
      buttonRef.current?.focus();
    }
  }, []);

  // Focus follows the active item while the menu is open.
  useEffect(() => {
    if (open) {
      itemRefs.current[Math.min(active, count - 1)]?.focus();
    }
  }, [open, active, count]);

  // A pointer press outside closes the menu.
  useEffect(() => {
    if (!open) {
      return;
    }
    const onPointerDown = (event: MouseEvent | TouchEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) {
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', onPointerDown);
    document.addEventListener('touchstart', onPointerDown);
    return () => {
      document.removeEventListener('mousedown', onPointerDown);
      document.removeEventListener('touchstart', onPointerDown);
    };
  }, [open]);

  const choose = (index: number) => {
    const option = options[index];
    if (!option) {
      return; // the status line
    }
    close(true);
    onSelect(option.value);
  };

  const onButtonKeyDown = (event: React.KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      openAt('selected');
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      openAt('last');
    }
  };

  const onMenuKeyDown = (event: React.KeyboardEvent<HTMLUListElement>) => {
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
        return close(true);
      case 'Tab':
        return close(false);
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
    <div className={styles.switcher} ref={containerRef}>
      <button
        ref={buttonRef}
        type="button"
        className={styles.button}
        aria-label={buttonLabel}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-disabled={busy || undefined}
        aria-busy={busy || undefined}
        onClick={() => (busy ? undefined : open ? close(false) : openAt('selected'))}
        onKeyDown={busy ? undefined : onButtonKeyDown}
        onPointerEnter={onWanted}
        onFocus={onWanted}
      >
        <LocationIcon size={16} />
        <span className={styles.text}>{buttonText}</span>
        <ChevronDownIcon size={16} className={open ? styles.chevronOpen : styles.chevron} />
      </button>
      {open && (
        <ul id={menuId} role="menu" aria-label={menuLabel} className={styles.menu} onKeyDown={onMenuKeyDown}>
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
        </ul>
      )}
    </div>
  );
};

export default LocationMenu;
