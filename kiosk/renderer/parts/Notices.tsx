/** Short notices of services that are out of service, shown on attract and menu screens. */
export function Notices({ notices }: { notices: string[] }) {
  if (notices.length === 0) return null;
  return (
    <ul class="notices">
      {notices.map((notice, index) => (
        <li key={index} class="notice">
          {notice}
        </li>
      ))}
    </ul>
  );
}
