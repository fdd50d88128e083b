/**
 * The demo's library catalogue: ~200 editions of real public-domain works, with valid ISBN-13s,
 * tags and loan histories. Everything comes from fixed tables and a seeded generator, so the rows are
 * the same on every run. Some titles are the long full titles these books were first printed with;
 * a few authors need UTF-8.
 */
import { DemoRandom } from './random.js';

export const BOOKS_LAYOUT = 'books[title:S,author:S,year:I,isbn:S,price:D,tags[tag:S],loans[who:S,date:L,returned:I]]';

export interface Loan {
  who: string;
  /** Milliseconds since 1970 (UTC). */
  date: bigint;
  returned: number;
}

export interface Book {
  title: string;
  author: string;
  year: number;
  isbn: string;
  price: number;
  tags: { tag: string }[];
  loans: Loan[];
}

/** [title, author, first published, tags] */
const WORKS: readonly (readonly [string, string, number, readonly string[]])[] = [
  ['Pride and Prejudice', 'Jane Austen', 1813, ['novel', 'romance', 'classic']],
  ['Emma', 'Jane Austen', 1815, ['novel', 'romance', 'classic']],
  ['Frankenstein; or, The Modern Prometheus', 'Mary Wollstonecraft Shelley', 1818, ['novel', 'gothic', 'science fiction']],
  ['The Life and Strange Surprizing Adventures of Robinson Crusoe, of York, Mariner: Who lived Eight and Twenty Years, all alone in an un-inhabited Island on the Coast of America, near the Mouth of the Great River of Oroonoque; Having been cast on Shore by Shipwreck, wherein all the Men perished but himself. With An Account how he was at last as strangely deliver\'d by Pyrates', 'Daniel Defoe', 1719, ['novel', 'adventure', 'classic']],
  ['Travels into Several Remote Nations of the World. In Four Parts. By Lemuel Gulliver, First a Surgeon, and then a Captain of Several Ships', 'Jonathan Swift', 1726, ['satire', 'adventure', 'classic']],
  ['The Life and Opinions of Tristram Shandy, Gentleman', 'Laurence Sterne', 1759, ['novel', 'humour']],
  ['Moby-Dick; or, The Whale', 'Herman Melville', 1851, ['novel', 'adventure', 'sea']],
  ['Bleak House', 'Charles Dickens', 1853, ['novel', 'classic', 'serial']],
  ['Great Expectations', 'Charles Dickens', 1861, ['novel', 'classic', 'coming of age']],
  ['A Tale of Two Cities', 'Charles Dickens', 1859, ['novel', 'historical', 'classic']],
  ['Jane Eyre: An Autobiography', 'Charlotte Brontë', 1847, ['novel', 'gothic', 'classic']],
  ['Wuthering Heights', 'Emily Brontë', 1847, ['novel', 'gothic', 'classic']],
  ['Middlemarch, A Study of Provincial Life', 'George Eliot', 1871, ['novel', 'classic', 'realism']],
  ['Crime and Punishment', 'Fyodor Dostoyevsky (Фёдор Достоевский)', 1866, ['novel', 'russian', 'psychological']],
  ['The Brothers Karamazov', 'Fyodor Dostoyevsky (Фёдор Достоевский)', 1880, ['novel', 'russian', 'philosophy']],
  ['War and Peace', 'Leo Tolstoy (Лев Толстой)', 1869, ['novel', 'russian', 'historical']],
  ['Anna Karenina', 'Leo Tolstoy (Лев Толстой)', 1878, ['novel', 'russian', 'romance']],
  ['Dead Souls', 'Nikolai Gogol (Николай Гоголь)', 1842, ['novel', 'russian', 'satire']],
  ['Madame Bovary: Mœurs de province', 'Gustave Flaubert', 1857, ['novel', 'french', 'realism']],
  ['Les Misérables', 'Victor Hugo', 1862, ['novel', 'french', 'historical']],
  ['Notre-Dame de Paris', 'Victor Hugo', 1831, ['novel', 'french', 'gothic']],
  ['Le Comte de Monte-Cristo', 'Alexandre Dumas', 1844, ['novel', 'french', 'adventure']],
  ['Vingt mille lieues sous les mers', 'Jules Verne', 1870, ['novel', 'french', 'science fiction', 'sea']],
  ['Le Tour du monde en quatre-vingts jours', 'Jules Verne', 1872, ['novel', 'french', 'adventure']],
  ['Die Leiden des jungen Werthers', 'Johann Wolfgang von Goethe', 1774, ['novel', 'german', 'epistolary']],
  ['Faust. Eine Tragödie', 'Johann Wolfgang von Goethe', 1808, ['drama', 'german', 'classic']],
  ['Der Process', 'Franz Kafka', 1925, ['novel', 'german', 'modernism']],
  ['Die Verwandlung', 'Franz Kafka', 1915, ['novella', 'german', 'modernism']],
  ['Don Quixote (El ingenioso hidalgo don Quijote de la Mancha)', 'Miguel de Cervantes Saavedra', 1605, ['novel', 'spanish', 'classic']],
  ['La Divina Commedia', 'Dante Alighieri', 1320, ['poetry', 'italian', 'epic']],
  ['I promessi sposi', 'Alessandro Manzoni', 1827, ['novel', 'italian', 'historical']],
  ['Adventures of Huckleberry Finn', 'Mark Twain', 1884, ['novel', 'american', 'adventure']],
  ['The Adventures of Tom Sawyer', 'Mark Twain', 1876, ['novel', 'american', 'children']],
  ['The Scarlet Letter', 'Nathaniel Hawthorne', 1850, ['novel', 'american', 'romance']],
  ['Walden; or, Life in the Woods', 'Henry David Thoreau', 1854, ['essay', 'american', 'nature']],
  ['Leaves of Grass', 'Walt Whitman', 1855, ['poetry', 'american']],
  ['Little Women', 'Louisa May Alcott', 1868, ['novel', 'american', 'coming of age']],
  ['The Picture of Dorian Gray', 'Oscar Wilde', 1890, ['novel', 'gothic', 'philosophy']],
  ['The Importance of Being Earnest, A Trivial Comedy for Serious People', 'Oscar Wilde', 1895, ['drama', 'comedy']],
  ['Strange Case of Dr Jekyll and Mr Hyde', 'Robert Louis Stevenson', 1886, ['novella', 'gothic']],
  ['Treasure Island', 'Robert Louis Stevenson', 1883, ['novel', 'adventure', 'sea', 'children']],
  ['Dracula', 'Bram Stoker', 1897, ['novel', 'gothic', 'horror']],
  ['The Time Machine', 'H. G. Wells', 1895, ['novella', 'science fiction']],
  ['The War of the Worlds', 'H. G. Wells', 1898, ['novel', 'science fiction']],
  ['Heart of Darkness', 'Joseph Conrad', 1899, ['novella', 'modernism', 'sea']],
  ['The Adventures of Sherlock Holmes', 'Arthur Conan Doyle', 1892, ['stories', 'mystery']],
  ['The Hound of the Baskervilles', 'Arthur Conan Doyle', 1902, ['novel', 'mystery', 'gothic']],
  ['Alice\'s Adventures in Wonderland', 'Lewis Carroll', 1865, ['novel', 'children', 'fantasy']],
  ['Through the Looking-Glass, and What Alice Found There', 'Lewis Carroll', 1871, ['novel', 'children', 'fantasy']],
  ['On the Origin of Species by Means of Natural Selection, or the Preservation of Favoured Races in the Struggle for Life', 'Charles Darwin', 1859, ['science', 'biology']],
  ['Philosophiæ Naturalis Principia Mathematica', 'Isaac Newton', 1687, ['science', 'physics', 'latin']],
  ['An Inquiry into the Nature and Causes of the Wealth of Nations', 'Adam Smith', 1776, ['economics', 'philosophy']],
  ['Meditations (Τὰ εἰς ἑαυτόν)', 'Marcus Aurelius', 180, ['philosophy', 'stoicism']],
  ['The Republic (Πολιτεία)', 'Plato', -375, ['philosophy', 'politics']],
  ['The Odyssey (Ὀδύσσεια)', 'Homer', -700, ['poetry', 'epic', 'sea']],
  ['The Art of War (孫子兵法)', 'Sun Tzu (孫武)', -500, ['strategy', 'chinese']],
  ['The Tale of Genji (源氏物語)', 'Murasaki Shikibu (紫式部)', 1010, ['novel', 'japanese', 'classic']],
  ['Kokoro (こゝろ)', 'Natsume Sōseki (夏目漱石)', 1914, ['novel', 'japanese']],
  ['Gitanjali (গীতাঞ্জলি)', 'Rabindranath Tagore', 1910, ['poetry', 'bengali']],
  ['Peer Gynt', 'Henrik Ibsen', 1867, ['drama', 'norwegian']],
  ['Et dukkehjem (A Doll\'s House)', 'Henrik Ibsen', 1879, ['drama', 'norwegian']],
  ['Pan', 'Knut Hamsun', 1894, ['novel', 'norwegian']],
  ['Max Havelaar, of de koffij-veilingen der Nederlandsche Handel-Maatschappij', 'Multatuli', 1860, ['novel', 'dutch', 'satire']],
  ['Pan Tadeusz, czyli ostatni zajazd na Litwie', 'Adam Mickiewicz', 1834, ['poetry', 'polish', 'epic']],
];

const EDITIONS = ['', ' (Illustrated Edition)', ' (Annotated Edition)', ' (Pocket Edition)'];
const PUBLISHER_PREFIXES = ['978-0-14', '978-0-19', '978-1-85326', '978-0-486', '978-3-15', '978-2-07'];
const BORROWERS = ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra', 'Barbara Liskov', 'Donald Knuth', 'Margaret Hamilton', 'Ken Thompson', 'Frances Allen', 'Niklaus Wirth', 'Søren Kierkegaard', 'José Saramago', 'Zoë Quinn', 'François Truffaut', 'Łukasz Nowak', 'Åsa Lindqvist', 'Jürgen Müller', 'Chloé Dubois'];
/** 2024-01-01T00:00:00Z */
const LOANS_FROM = 1_704_067_200_000;
const DAY = 86_400_000;

/** ISBN-13 with its check digit, hyphenated as `prefix-body-check`. */
export function isbn13(prefix: string, body: string): string {
  const digits = (prefix + body).replaceAll('-', '');
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 3);
  return `${prefix}-${body}-${(10 - (sum % 10)) % 10}`;
}

export function catalogue(count = 200): Book[] {
  const rnd = new DemoRandom(1813);
  const books: Book[] = [];
  for (let i = 0; i < count; i++) {
    const [title, author, first, tags] = WORKS[i % WORKS.length] as (typeof WORKS)[number];
    const edition = Math.floor(i / WORKS.length) % EDITIONS.length;
    const prefix = PUBLISHER_PREFIXES[rnd.below(PUBLISHER_PREFIXES.length)] as string;
    const bodyLength = 12 - prefix.replaceAll('-', '').length;
    let body = '';
    for (let k = 0; k < bodyLength; k++) body += String(rnd.below(10));
    const year = Math.max(first, 1900) + edition * 17 + rnd.below(40);
    const loans: Loan[] = [];
    const nLoans = rnd.below(5);
    let day = rnd.below(60);
    for (let k = 0; k < nLoans; k++) {
      loans.push({ who: BORROWERS[rnd.below(BORROWERS.length)] as string, date: BigInt(LOANS_FROM + day * DAY + rnd.below(DAY / 1000) * 1000), returned: k < nLoans - 1 || rnd.below(3) > 0 ? 1 : 0 });
      day += 7 + rnd.below(40);
    }
    books.push({
      title: title + (EDITIONS[edition] as string),
      author,
      year,
      isbn: isbn13(prefix, body),
      price: Math.round((4.99 + rnd.below(4000) / 100) * 100) / 100,
      tags: (edition > 0 ? [...tags, 'edition'] : tags).map((tag) => ({ tag })),
      loans,
    });
  }
  return books;
}
